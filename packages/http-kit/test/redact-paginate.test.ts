import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  createRedactor,
  defineEndpoints,
  nextOffset,
  paginate,
  parseRetryAfter,
  REDACTED,
  withRetryTable,
} from '../src/index.js';
import { renderRetryTable } from '../src/retry-table.js';

describe('redactor', () => {
  const r = createRedactor({
    secrets: ['tok/en+1'],
    queryParams: ['access-token'],
    headers: ['X-Auth-Token'],
  });
  it('removes query secrets, literal and encoded secrets, secret headers and causes', () => {
    expect(r.text('https://h/x?a=1&access-token=zzz&b=2')).toBe(
      `https://h/x?a=1&access-token=${REDACTED}&b=2`,
    );
    expect(r.text(`said tok/en+1 and ${encodeURIComponent('tok/en+1')}`)).toBe(
      `said ${REDACTED} and ${REDACTED}`,
    );
    expect(r.value({ a: ['tok/en+1'], n: 1 })).toEqual({ a: [REDACTED], n: 1 });
    expect(r.headers(new Headers({ 'x-auth-token': 'abc', other: 'tok/en+1' }))).toEqual({
      'x-auth-token': REDACTED,
      other: REDACTED,
    });
    const cause = r.cause(
      Object.assign(new Error('x tok/en+1', { cause: new Error('deep tok/en+1') }), { code: 'E1' }),
    );
    const copy = cause as Error & { code?: string };
    expect(copy.message).toBe(`x ${REDACTED}`);
    expect((copy.cause as Error).message).toBe(`deep ${REDACTED}`);
    expect(copy.code).toBe('E1');
  });
});

describe('redactor with a secret JSON escapes', () => {
  it('still removes it from values', () => {
    const r = createRedactor({ secrets: ['to"ken\\1'] });
    expect(r.value({ a: 'x to"ken\\1 y', b: ['to"ken\\1'] })).toEqual({
      a: `x ${REDACTED} y`,
      b: [REDACTED],
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('paginate', () => {
  it('walks offset pages, exposes page metadata and skips repeated keys', async () => {
    const data = [1, 2, 3, 3, 4];
    const loads: number[] = [];
    const paged = paginate({
      first: 0,
      load: async (offset: number, pageNumber) => {
        loads.push(offset);
        const items = data.slice(offset, offset + 2);
        return { pageNumber, items, total: data.length, received: items.length };
      },
      next: (page, offset) => nextOffset(offset, page.received, page.total),
      key: (item) => item,
    });
    expect(loads).toEqual([]);
    const items: number[] = [];
    for await (const item of paged) items.push(item);
    expect(items).toEqual([1, 2, 3, 4]);
    const pages = [];
    for await (const page of paged.pages())
      pages.push([page.pageNumber, page.items.length, page.total]);
    expect(pages).toEqual([
      [0, 2, 5],
      [1, 2, 5],
      [2, 1, 5],
    ]);
  });

  it('stops at an empty page even without a total', () => {
    expect(nextOffset(10, 0, undefined)).toBeUndefined();
    expect(nextOffset(10, 5, undefined)).toBe(15);
    expect(nextOffset(10, 5, 15)).toBeUndefined();
  });
});

describe('retry table', () => {
  const endpoints = defineEndpoints({
    list: { method: 'GET', path: '/a', effect: 'read', response: v.unknown() },
    submit: { method: 'POST', path: '/b', effect: 'write-once', response: v.unknown() },
  });
  it('renders one row per endpoint from its effect', () => {
    const table = renderRetryTable(endpoints);
    expect(table).toContain('| `GET /a` | read | yes | yes | yes | error |');
    expect(table).toContain('| `POST /b` | write-once | no | no | yes | outcome unknown |');
  });
  it('replaces the marked section and refuses a README without markers', () => {
    const readme =
      'x\n<!-- retry-table:start (generated from endpoints.ts; do not edit) -->\nold\n<!-- retry-table:end -->\ny';
    expect(withRetryTable(readme, endpoints)).toContain('| `GET /a` |');
    expect(withRetryTable(readme, endpoints)).not.toContain('old');
    expect(() => withRetryTable('x', endpoints)).toThrow(/retry-table/);
  });
  it('refuses a path without a leading slash', () => {
    expect(() =>
      defineEndpoints({ bad: { method: 'GET', path: 'a', effect: 'read', response: v.unknown() } }),
    ).toThrow(/must start/);
  });
});
