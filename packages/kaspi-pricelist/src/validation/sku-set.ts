/**
 * An exact set of strings kept in typed arrays instead of a `Set<string>`.
 *
 * Measured reason (see README, Performance): at a million offers a `Set<string>` of SKUs held
 * about 50 MB of small heap objects that every major GC had to trace, which halved the writer's
 * throughput. Here SKUs are copied as UTF-16 code units into one growing buffer, indexed by an
 * open-addressing table of 32-bit hashes; nothing per entry lives on the JS heap, and lookups
 * compare the full text, so the set is exact (hash collisions only cost a comparison).
 */
export class SkuSet {
  private slots = new Int32Array(1 << 12); // entry index + 1; 0 = empty
  private hashes = new Int32Array(1 << 11);
  private starts = new Int32Array((1 << 11) + 1);
  private chars = new Uint16Array(1 << 14);
  private count = 0;

  /** Number of distinct strings added. */
  get size(): number {
    return this.count;
  }

  /** Adds `value`; returns false when it was already present. */
  add(value: string): boolean {
    const length = value.length;
    let hash = 0x811c9dc5 | 0; // int32, as stored in `hashes`
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) break;
      if (this.hashes[entry - 1] === hash && this.equals(entry - 1, value)) return false;
      slot = (slot + 1) & mask;
    }
    this.insert(slot, hash, value);
    return true;
  }

  private equals(entry: number, value: string): boolean {
    const start = this.starts[entry] ?? 0;
    const end = this.starts[entry + 1] ?? 0;
    if (end - start !== value.length) return false;
    const chars = this.chars;
    for (let i = 0; i < value.length; i++) {
      if (chars[start + i] !== value.charCodeAt(i)) return false;
    }
    return true;
  }

  private insert(slot: number, hash: number, value: string): void {
    const entry = this.count;
    if (entry + 1 >= this.hashes.length) this.growEntries();
    const start = this.starts[entry] ?? 0;
    const end = start + value.length;
    if (end > this.chars.length) this.chars = grow(this.chars, end);
    const chars = this.chars;
    for (let i = 0; i < value.length; i++) chars[start + i] = value.charCodeAt(i);
    this.hashes[entry] = hash;
    this.starts[entry + 1] = end;
    this.slots[slot] = entry + 1;
    this.count = entry + 1;
    // Keep the table at most half full so probe chains stay short.
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  private growEntries(): void {
    this.hashes = grow(this.hashes, this.hashes.length + 1);
    this.starts = grow(this.starts, this.starts.length + 1);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = (this.hashes[entry] ?? 0) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}

function grow<T extends Int32Array | Uint16Array>(array: T, needed: number): T {
  let length = array.length * 2;
  while (length < needed) length *= 2;
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
