import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCategoryTree, parseQuantity, redactSecrets } from '../src/index.js';
import { generateCatalogue } from '../src/testing/index.js';

describe('properties', () => {
  it('">N" always means at least N+1 and never an exact count', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), (n) => {
        expect(parseQuantity(`>${n}`)).toEqual({ min: n + 1, exact: false, raw: `>${n}` });
        expect(parseQuantity(n)).toEqual({ min: n, exact: true, raw: n });
      }),
    );
  });

  it('redaction removes any token from any text that embeds it', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 4 }).filter((t) => t.trim().length >= 4),
        fc.string(),
        fc.string(),
        (token, before, after) => {
          const text = `${before}https://api.al-style.kz/api/brands?access-token=${encodeURIComponent(token)}&x=1 ${token}${after}`;
          expect(redactSecrets(text, token)).not.toContain(token);
          expect(redactSecrets(text, token)).not.toContain(
            `access-token=${encodeURIComponent(token)}`,
          );
        },
      ),
    );
  });

  it('the generated nested set always builds back into a tree that covers every category', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (seed) => {
        const { categories } = generateCatalogue({ size: 5, seed });
        const tree = buildCategoryTree(categories.map((c) => ({ ...c, productCount: c.elements })));
        let count = 0;
        const walk = (
          nodes: readonly (typeof tree)[number][],
          parent: number | null,
          level: number,
        ): void => {
          for (const node of nodes) {
            count += 1;
            expect(node.parentId).toBe(parent);
            expect(node.level).toBe(level);
            walk(node.children, node.id, level + 1);
          }
        };
        walk(tree, null, 1);
        expect(count).toBe(categories.length);
      }),
      { numRuns: 20 },
    );
  });

  it('the simulator catalogue is deterministic per seed', () => {
    expect(generateCatalogue({ size: 50, seed: 3 })).toEqual(
      generateCatalogue({ size: 50, seed: 3 }),
    );
    expect(generateCatalogue({ size: 50, seed: 3 })).not.toEqual(
      generateCatalogue({ size: 50, seed: 4 }),
    );
  });
});
