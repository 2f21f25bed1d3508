import { readFileSync } from 'node:fs';
import { withRetryTable } from '@kaspi-connect/http-kit';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../src/index.js';

describe('README retry table', () => {
  it('matches src/endpoints.ts (regenerate with `node scripts/retry-table.mjs`)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(withRetryTable(readme, ENDPOINTS)).toBe(readme);
  });

  it('lists every documented endpoint once, writes never resent after a failure', () => {
    const rows = Object.values(ENDPOINTS);
    expect(new Set(rows.map((e) => e.path)).size).toBe(rows.length);
    const onceOnly = rows.filter((e) => e.effect === 'write-once').map((e) => e.path);
    expect(onceOnly.sort()).toEqual([
      '/api/order-confirm',
      '/api/orders-files',
      '/cart-api/submit',
    ]);
  });
});
