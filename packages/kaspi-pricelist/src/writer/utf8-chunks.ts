// Measured reason for encoding by hand (README, Performance): building each 64 KiB chunk as one
// string by `+=` and letting the stream encode it cost about 5 µs per offer at a million offers,
// most of the writer's time, because V8 flattens such a large concatenated string slowly. Encoding
// each offer's small string straight into a byte buffer costs well under 1 µs.

/** Bytes gathered before a chunk is handed to the target. */
export const CHUNK_BYTES = 1 << 16;
// Headroom past CHUNK_BYTES, so that a typical offer never forces a larger buffer.
const RESERVE_BYTES = 1 << 14;
// UTF-8 needs at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
const MAX_BYTES_PER_UNIT = 3;

/**
 * Encodes text as UTF-8 into byte chunks of about {@link CHUNK_BYTES}. Every chunk ends on a
 * character boundary, since each `push` writes a whole string. A taken chunk is never reused, so a
 * stream may keep it after `write` returns.
 */
export class Utf8Chunks {
  private bytes = Buffer.allocUnsafe(CHUNK_BYTES + RESERVE_BYTES);
  private length = 0;

  /** Appends `text`; returns true when a chunk is ready to {@link take}. */
  push(text: string): boolean {
    const worstCase = text.length * MAX_BYTES_PER_UNIT;
    if (this.bytes.length - this.length < worstCase) {
      const larger = Buffer.allocUnsafe(this.length + worstCase + RESERVE_BYTES);
      this.bytes.copy(larger, 0, 0, this.length);
      this.bytes = larger;
    }
    this.length += this.bytes.write(text, this.length, 'utf8');
    return this.length >= CHUNK_BYTES;
  }

  /** Bytes pushed since the last take (possibly none). */
  take(): Buffer {
    const chunk = this.bytes.subarray(0, this.length);
    this.bytes = Buffer.allocUnsafe(CHUNK_BYTES + RESERVE_BYTES);
    this.length = 0;
    return chunk;
  }
}
