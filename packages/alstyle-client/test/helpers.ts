import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Documentation samples of the real API, copied verbatim from the project's shared fixtures so the
 * tests run in any clone (a GitHub checkout has no `shared/` beside it).
 */
export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Reads a fixture as text. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(name, `file://${FIXTURES_DIR}`), 'utf8');
}

/** Reads and parses a fixture. */
export function fixture(name: string): unknown {
  return JSON.parse(fixtureText(name)) as unknown;
}

let counter = 0;
/** A token unique to one test, so process-wide throttles never leak between tests. */
export function uniqueToken(label = 'test'): string {
  counter += 1;
  return `${label}-secret-${counter}-${Math.random().toString(36).slice(2)}`;
}
