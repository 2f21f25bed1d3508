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
            maxLength: 120,
          },
        ),
        (values) => {
          const reference = new Set<string>();
          const set = new SkuSet();
          const answers = values.map((value) => {
            const fresh = !reference.has(value);
            reference.add(value);
            return set.add(value) === fresh;
          });
          expect(answers.every(Boolean)).toBe(true);
          expect(set.size).toBe(reference.size);
        },
      ),
    );
  });

  it('stays exact over many entries that grow every buffer', () => {
    const set = new SkuSet();
    let added = 0;
    for (let i = 0; i < 50_000; i++) if (set.add(`AS${i}`)) added++;
    expect(added).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(set.add(`AS${i}`)).toBe(false);
    expect(set.add('AS50000')).toBe(true);
    expect(set.size).toBe(50_001);
  });

  it('stays exact where stems and two-digit suffixes overlap ("A1", "A01", "A100", "01")', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(
              fc.constantFrom('', 'A', 'A1', 'A0', '.', 'Ж'),
              fc.constantFrom('', '0', '1', '00', '01', '10', '99', '100', '001'),
            )
            .map(([stem, digits]) => stem + digits),
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

  it('stays exact over keys in random order across many stems', () => {
    const set = new SkuSet();
    const keys = Array.from({ length: 30_000 }, (_, i) => (i * 7919) % 30_000);
    expect(keys.filter((key) => set.add(`AS${key}`)).length).toBe(30_000);
    expect(keys.slice(0, 500).filter((key) => set.add(`AS${key}`)).length).toBe(0);
    expect(set.add('AS030000')).toBe(true);
    expect(set.size).toBe(30_001);
  });
});
