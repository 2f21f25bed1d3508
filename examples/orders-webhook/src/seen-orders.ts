import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

/** Remembers which orders the receiver already has, so each is delivered once. */
export interface SeenOrders {
  has(code: string): boolean;
  add(code: string): Promise<void>;
}

/**
 * Order codes in a JSON file, rewritten atomically (temp file + rename) after every delivery, so a
 * crash never loses what was delivered. Codes older than the poll window could be pruned; at a few
 * hundred orders a day the file stays small for years.
 */
export class JsonFileSeenOrders implements SeenOrders {
  readonly #path: string;
  readonly #codes: Set<string>;

  constructor(path: string) {
    this.#path = path;
    this.#codes = new Set(
      existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as string[]) : [],
    );
  }

  has(code: string): boolean {
    return this.#codes.has(code);
  }

  async add(code: string): Promise<void> {
    this.#codes.add(code);
    const temp = `${this.#path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify([...this.#codes]));
    await rename(temp, this.#path);
  }
}
