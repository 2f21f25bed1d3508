import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSku, isValidSku, parseDerivedSku, SkuDerivationError } from '../src/index.js';

describe('isValidSku', () => {
  it.each(['A1', '232130213', 'ALS12345', 'a'.repeat(20)])('accepts %s', (sku) => {
    expect(isValidSku(sku)).toBe(true);
  });

  it.each(['', 'a'.repeat(21), 'SKU-1', 'SKU_1', 'SKU 1', '23.8&quot;', 'Ноутбук1'])(
    'rejects %j',
    (sku) => {
      expect(isValidSku(sku)).toBe(false);
    },
  );
});

describe('deriveSku', () => {
  it('joins an upper-cased letter prefix and a numeric key', () => {
    expect(deriveSku('as', 20932)).toBe('AS20932');
    expect(deriveSku('AS', '007')).toBe('AS007');
    expect(isValidSku(deriveSku('ABCDEFGHIJ', '1234567890'))).toBe(true);
  });

  it('is reversible, hence collision-free', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z]{1,10}$/),
        fc.stringMatching(/^[0-9]{1,10}$/),
        (prefix, key) => {
          const sku = deriveSku(prefix, key);
          expect(isValidSku(sku)).toBe(true);
          expect(parseDerivedSku(sku)).toEqual({ prefix: prefix.toUpperCase(), key });
        },
      ),
    );
  });

  it.each([
    ['', 1],
    ['A1', 1],
    ['ABCDEFGHIJK', 1],
    ['AS', -1],
    ['AS', 1.5],
    ['AS', '12a'],
    ['AS', ''],
    ['AS', '123456789012345678901'],
  ] as const)('rejects prefix %j with key %j', (prefix, key) => {
    expect(() => deriveSku(prefix, key)).toThrow(SkuDerivationError);
  });

  it('parseDerivedSku rejects foreign SKUs and other prefixes', () => {
    expect(parseDerivedSku('SKU-1')).toBeUndefined();
    expect(parseDerivedSku('AS12', 'ms')).toBeUndefined();
    expect(parseDerivedSku('AS12', 'as')).toEqual({ prefix: 'AS', key: '12' });
  });
});
