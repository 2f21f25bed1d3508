/**
 * An exact set of strings kept in typed arrays instead of a `Set<string>`.
 *
 * Measured reasons (see README, Performance): at a million offers a `Set<string>` of SKUs held
 * about 50 MB of small heap objects that every major GC had to trace, which halved the writer's
 * throughput; and a hash table with one entry per SKU costs one cache miss per offer, the largest
 * single cost left in the writer.
 *
 * So a string is split into a stem and its last two characters when both are digits
 * (`AS100042` → `AS1000` + 42; any other string is its own stem, with a 101st marker bit). Each
 * stem has one entry in an open-addressing table (its 32-bit hash beside its index, so a probe
 * touches one cache line) and a 128-bit bitmap of the suffixes seen. SKUs derived from a
 * supplier's numeric keys share stems, in any order, so a hundred of them touch one entry that
 * stays in cache. Stems are copied as bytes (valid SKUs are ASCII); a string with a character above
 * U+00FF goes to a small `Set`. Lookups compare the full stem, so the set is exact.
 */
export class SkuSet {
  // Pairs [hash, stem index + 1]; index 0 = empty slot.
  private table = new Int32Array(2 << 12);
  private starts = new Int32Array((1 << 11) + 1);
  private bytes = new Uint8Array(1 << 14);
  // Four 32-bit words per stem: bits 0–99 for the suffixes "00"–"99", bit 100 for no suffix.
  private bits = new Int32Array(4 << 11);
  private stems = 0;
  private members = 0;
  // The stem of the last narrow string: consecutive SKUs usually share it, and matching it
  // skips the hash and the table.
  private lastStem = -1;
  private wide: Set<string> | undefined;

  /** Number of distinct strings added. */
  get size(): number {
    return this.members + (this.wide?.size ?? 0);
  }

  /** Adds `value`; returns false when it was already present. */
  add(value: string): boolean {
    const length = value.length;
    let stemLength = length;
    let suffix = 100;
    if (length >= 2) {
      const tens = value.charCodeAt(length - 2) - 48;
      const ones = value.charCodeAt(length - 1) - 48;
      if (tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9) {
        stemLength = length - 2;
        suffix = tens * 10 + ones;
      }
    }
    let stem = this.lastStem;
    if (stem < 0 || !this.equals(stem, value, stemLength)) {
      stem = this.findStem(value, stemLength);
      if (stem < 0) return this.addWide(value);
      this.lastStem = stem;
    }
    const word = 4 * stem + (suffix >>> 5);
    const bit = 1 << (suffix & 31);
    const bits = this.bits;
    const current = bits[word] ?? 0;
    if ((current & bit) !== 0) return false;
    bits[word] = current | bit;
    this.members++;
    return true;
  }

  /**
   * The index of the stem `value[0, stemLength)`, added when new; -1 for a wide stem. Kept out of
   * {@link add} so that the usual case, the last stem again, stays small enough to inline.
   */
  private findStem(value: string, stemLength: number): number {
    let hash = 0x811c9dc5 | 0;
    let units = 0;
    for (let i = 0; i < stemLength; i++) {
      const unit = value.charCodeAt(i);
      units |= unit;
      hash = Math.imul(hash ^ unit, 0x01000193);
    }
    return units > 0xff ? -1 : this.stemIndex(value, stemLength, hash);
  }

  /** The index of the stem `value[0, stemLength)`, added when new. */
  private stemIndex(value: string, stemLength: number, hash: number): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = table[2 * slot + 1] ?? 0;
      if (entry === 0) break;
      if (table[2 * slot] === hash && this.equals(entry - 1, value, stemLength)) return entry - 1;
      slot = (slot + 1) & mask;
    }
    return this.insert(slot, hash, value, stemLength);
  }

  private addWide(value: string): boolean {
    this.wide ??= new Set();
    const before = this.wide.size;
    this.wide.add(value);
    return this.wide.size > before;
  }

  private equals(entry: number, value: string, stemLength: number): boolean {
    const start = this.starts[entry] ?? 0;
    const end = this.starts[entry + 1] ?? 0;
    if (end - start !== stemLength) return false;
    const bytes = this.bytes;
    for (let i = 0; i < stemLength; i++) {
      if (bytes[start + i] !== value.charCodeAt(i)) return false;
    }
    return true;
  }

  private insert(slot: number, hash: number, value: string, stemLength: number): number {
    const entry = this.stems;
    if (entry + 1 >= this.starts.length) this.starts = grow(this.starts, entry + 2);
    if (4 * entry + 4 > this.bits.length) this.bits = grow(this.bits, 4 * entry + 4);
    const start = this.starts[entry] ?? 0;
    const end = start + stemLength;
    if (end > this.bytes.length) this.bytes = grow(this.bytes, end);
    const bytes = this.bytes;
    for (let i = 0; i < stemLength; i++) bytes[start + i] = value.charCodeAt(i);
    this.starts[entry + 1] = end;
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = entry + 1;
    this.stems = entry + 1;
    // Keep the table at most half full so probe chains stay short.
    if (this.stems > this.table.length >> 2) this.rehash();
    return entry;
  }

  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let i = 0; i < old.length; i += 2) {
      const entry = old[i + 1] ?? 0;
      if (entry === 0) continue;
      const hash = old[i] ?? 0;
      let slot = hash & mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = hash;
      table[2 * slot + 1] = entry;
    }
    this.table = table;
  }
}

function grow<T extends Int32Array | Uint8Array>(array: T, needed: number): T {
  let length = array.length * 2;
  while (length < needed) length *= 2;
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
