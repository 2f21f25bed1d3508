import { readFileSync, writeFileSync } from 'node:fs';
import { withRetryTable } from '@kaspi-connect/http-kit';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../src/index.js';

const README = new URL('../README.md', import.meta.url);

describe('README retry table', () => {
  it('is the one generated from ENDPOINTS (run with UPDATE_README=1 to regenerate)', () => {
    const readme = readFileSync(README, 'utf8');
    const expected = withRetryTable(readme, ENDPOINTS);
    if (process.env.UPDATE_README === '1' && expected !== readme) {
      writeFileSync(README, expected);
      return;
    }
    expect(readme).toBe(expected);
  });

  it('lists each method, path and effect once', () => {
    const rows = Object.values(ENDPOINTS).map((e) => `${e.method} ${e.path} ${e.effect}`);
    expect(new Set(rows).size).toBe(rows.length);
  });
});
