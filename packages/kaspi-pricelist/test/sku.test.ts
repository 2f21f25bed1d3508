import { describe, expect, it } from 'vitest';
import { isValidSku } from '../src/index.js';

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
