import { diffPriceLists, type Offer } from '@kaspi-connect/kaspi-pricelist';
import { describe, expect, it } from 'vitest';
import { skuChanges } from '../src/pipeline/sku-changes.js';

function offer(sku: string, price: number, available = true): Offer {
  return {
    sku,
    model: `Model ${sku}`,
    brand: 'Brand',
    price,
    availabilities: [{ storeId: 'PP1', available, stockCount: available ? 3 : 0 }],
  };
}

function changes(before: Offer[], after: Offer[], limit?: number) {
  const bySku = (offers: Offer[]) => new Map(offers.map((o) => [o.sku, o]));
  return skuChanges(diffPriceLists(before, after), bySku(before), bySku(after), limit);
}

describe('per-SKU changes of a refused run', () => {
  it('lists removals, lost availability and the largest price moves first', () => {
    const before = [offer('A', 1000), offer('B', 1000), offer('C', 1000), offer('D', 1000)];
    const after = [offer('B', 1000, false), offer('C', 400), offer('D', 1100), offer('E', 50)];
    const { changes: list, total } = changes(before, after);
    expect(total).toBe(5);
    expect(list).toEqual([
      { sku: 'A', kind: 'removed', before: 1000 },
      { sku: 'B', kind: 'became-unavailable' },
      { sku: 'C', kind: 'price', before: 1000, after: 400, movedPercent: -60 },
      { sku: 'D', kind: 'price', before: 1000, after: 1100, movedPercent: 10 },
      { sku: 'E', kind: 'added', after: 50 },
    ]);
  });

  it('keeps a sample but counts every change', () => {
    const before = Array.from({ length: 30 }, (_, i) => offer(`S${i}`, 100));
    const { changes: list, total } = changes(before, [], 10);
    expect(total).toBe(30);
    expect(list).toHaveLength(10);
    expect(list.every((c) => c.kind === 'removed')).toBe(true);
  });
});
