import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SkuSet } from '../src/validation/sku-set.js';

describe('SkuSet', () => {
  it('behaves exactly like Set<string>, across growth and with any text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 30 }),
            fc.constantFrom('', 'A', 'a', 'AS1'),
          ),
          {
            maxLength: 300,
          },
        ),
        (values) => {
          const reference = new Set<string>();
          const set = new SkuSet();
          for (const value of values) {
            expect(set.add(value)).toBe(!reference.has(value));
            reference.add(value);
          }
          expect(set.size).toBe(reference.size);
        },
      ),
    );
  });

  it('stays exact over many entries that grow every buffer', () => {
    const set = new SkuSet();
    for (let i = 0; i < 50_000; i++) expect(set.add(`AS${i}`)).toBe(true);
    for (let i = 0; i < 50_000; i += 997) expect(set.add(`AS${i}`)).toBe(false);
    expect(set.add('AS50000')).toBe(true);
    expect(set.size).toBe(50_001);
  });
});
