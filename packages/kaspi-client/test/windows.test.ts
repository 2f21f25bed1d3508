import { describe, expect, it } from 'vitest';
import { MAX_WINDOW_MS, ORDER_WINDOW_MS, splitDateRange } from '../src/index.js';

const t0 = new Date('2026-01-01T00:00:00+05:00');

describe('splitDateRange', () => {
  it('keeps a window of 14 days less the margin whole', () => {
    expect(ORDER_WINDOW_MS).toBe(MAX_WINDOW_MS - 3600_000);
    const to = new Date(t0.getTime() + ORDER_WINDOW_MS);
    expect(splitDateRange(t0, to)).toEqual([{ from: t0, to }]);
  });

  it('splits exactly 14 days, and one millisecond past the window, into two without a gap', () => {
    expect(splitDateRange(t0, new Date(t0.getTime() + MAX_WINDOW_MS))).toHaveLength(2);
    const to = new Date(t0.getTime() + ORDER_WINDOW_MS + 1);
    const windows = splitDateRange(t0, to);
    expect(windows).toHaveLength(2);
    expect(windows[1]?.from.getTime()).toBe((windows[0]?.to.getTime() ?? 0) + 1);
    expect(windows[1]?.to).toEqual(to);
  });

  it('covers 90 days in 7 windows, none wider than the limit', () => {
    const to = new Date(t0.getTime() + 90 * 24 * 3600 * 1000);
    const windows = splitDateRange(t0, to);
    expect(windows).toHaveLength(7);
    for (const w of windows)
      expect(w.to.getTime() - w.from.getTime()).toBeLessThanOrEqual(ORDER_WINDOW_MS);
  });

  it('refuses a reversed range', () => {
    expect(() => splitDateRange(t0, new Date(t0.getTime() - 1))).toThrow(RangeError);
  });
});
