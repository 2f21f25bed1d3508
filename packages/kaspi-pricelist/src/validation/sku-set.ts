/**
 * An exact set of strings kept in typed arrays instead of a `Set<string>`.
 *
 * Measured reasons (see README, Performance): at a million offers a `Set<string>` of SKUs held
 * about 50 MB of small heap objects that every major GC had to trace, which halved the writer's
 * throughput. Here SKUs are copied as bytes into one growing buffer, indexed by an
 * open-addressing table that keeps each entry's 32-bit hash beside its index, so a lookup
 * touches one cache line of the table (a separate hash array cost a second cache miss per
 * offer). Valid SKUs are ASCII, so one byte per character halves the buffer; the rare string with
 * a character above U+00FF goes to a small `Set`. Lookups compare the full text, so the set is
 * exact (hash collisions only cost a comparison).
 */
export class SkuSet {
  // Pairs [hash, entry index + 1]; index 0 = empty slot.
  private table = new Int32Array(2 << 12);
  private starts = new Int32Array((1 << 11) + 1);
  private bytes = new Uint8Array(1 << 14);
  private count = 0;
  private wide: Set<string> | undefined;

  /** Number of distinct strings added. */
  get size(): number {
    return this.count + (this.wide?.size ?? 0);
  }

  /** Adds `value`; returns false when it was already present. */
  add(value: string): boolean {
    const length = value.length;
    let hash = 0x811c9dc5 | 0;
    let units = 0;
    for (let i = 0; i < length; i++) {
      const unit = value.charCodeAt(i);
      units |= unit;
      hash = Math.imul(hash ^ unit, 0x01000193);
    }
    if (units > 0xff) return this.addWide(value);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = table[2 * slot + 1] ?? 0;
      if (entry === 0) break;
      if (table[2 * slot] === hash && this.equals(entry - 1, value)) return false;
      slot = (slot + 1) & mask;
    }
    this.insert(slot, hash, value);
    return true;
  }

  private addWide(value: string): boolean {
    this.wide ??= new Set();
    const before = this.wide.size;
    this.wide.add(value);
    return this.wide.size > before;
  }

  private equals(entry: number, value: string): boolean {
    const start = this.starts[entry] ?? 0;
    const end = this.starts[entry + 1] ?? 0;
    if (end - start !== value.length) return false;
    const bytes = this.bytes;
    for (let i = 0; i < value.length; i++) {
      if (bytes[start + i] !== value.charCodeAt(i)) return false;
    }
    return true;
  }

  private insert(slot: number, hash: number, value: string): void {
    const entry = this.count;
    if (entry + 1 >= this.starts.length) this.starts = grow(this.starts, entry + 2);
    const start = this.starts[entry] ?? 0;
    const end = start + value.length;
    if (end > this.bytes.length) this.bytes = grow(this.bytes, end);
    const bytes = this.bytes;
    for (let i = 0; i < value.length; i++) bytes[start + i] = value.charCodeAt(i);
    this.starts[entry + 1] = end;
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = entry + 1;
    this.count = entry + 1;
    // Keep the table at most half full so probe chains stay short.
    if (this.count > this.table.length >> 2) this.rehash();
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
