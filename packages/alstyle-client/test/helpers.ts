import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared fixtures folder (documentation samples of the real API). */
export const FIXTURES_DIR = fileURLToPath(
  new URL('../../../../shared/fixtures/alstyle/', import.meta.url),
);

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
