import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_WINDOW_MS, splitDateRange } from '../src/index.js';
import { startKaspiSimulator } from '../src/testing/index.js';
import { clientFor, priceListXml } from './sim-helpers.js';

const DAY = 86_400_000;

describe('splitDateRange (property)', () => {
  it('covers [from, to] exactly, in order, without gaps or overlaps, each window ≤ 14 days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000_000 }),
        fc.integer({ min: 0, max: 200 * DAY }),
        (start, length) => {
          const windows = splitDateRange(new Date(start), new Date(start + length));
          expect(windows[0]?.from.getTime()).toBe(start);
          expect(windows.at(-1)?.to.getTime()).toBe(start + length);
          windows.forEach((w, i) => {
            expect(w.to.getTime() - w.from.getTime()).toBeLessThanOrEqual(ORDER_WINDOW_MS);
            expect(w.to.getTime()).toBeGreaterThanOrEqual(w.from.getTime());
            const next = windows[i + 1];
            if (next) expect(next.from.getTime()).toBe(w.to.getTime() + 1);
          });
          // Minimal: every window but the last is full.
          expect(windows.length).toBe(Math.max(1, Math.ceil((length + 1) / (ORDER_WINDOW_MS + 1))));
        },
      ),
    );
  });
});

describe('iterateOrders against the simulator (property)', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');

  it('yields exactly the orders created in [from, to], each once, with the minimum number of requests', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 60 * DAY }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 60 * DAY }),
        fc.integer({ min: 0, max: 60 * DAY }),
        fc.integer({ min: 1, max: 7 }),
        async (ages, a, b, pageSize) => {
          const sim = await startKaspiSimulator({ now: () => now });
          try {
            sim.uploadPriceList(priceListXml([{ sku: 'A1' }]));
            const created = ages.map((age) => {
              const at = now - age;
              return {
                id: sim.createOrder({ items: [{ sku: 'A1' }], creationDate: new Date(at) }).id,
                at,
              };
            });
            const from = now - Math.max(a, b);
            const to = now - Math.min(a, b);
            const seen: string[] = [];
            for await (const order of clientFor(sim).iterateOrders({
              from: new Date(from),
              to: new Date(to),
              pageSize,
            }))
              seen.push(order.id);
            const expected = created.filter((c) => c.at >= from && c.at <= to).map((c) => c.id);
            expect(new Set(seen).size).toBe(seen.length);
            expect([...seen].sort()).toEqual([...expected].sort());
            let minimum = 0;
            for (const w of splitDateRange(new Date(from), new Date(to))) {
              const n = created.filter(
                (c) => c.at >= w.from.getTime() && c.at <= w.to.getTime(),
              ).length;
              minimum += Math.max(1, Math.ceil(n / pageSize));
            }
            expect(sim.requests).toHaveLength(minimum);
            expect(sim.requests.every((r) => r.status === 200)).toBe(true);
          } finally {
            await sim.close();
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 60_000);
});
