import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../src/index.js';

describe('parseQuantity', () => {
  it('keeps exact numbers exact', () => {
    expect(parseQuantity(13)).toEqual({ min: 13, exact: true, raw: 13 });
    expect(parseQuantity('0')).toEqual({ min: 0, exact: true, raw: '0' });
  });

  it('treats ">50" as a lower bound of 51, not an exact stock', () => {
    expect(parseQuantity('>50')).toEqual({ min: 51, exact: false, raw: '>50' });
    expect(parseQuantity('>100')).toEqual({ min: 101, exact: false, raw: '>100' });
  });

  it('reads "<N" as no guaranteed stock, never as N', () => {
    expect(parseQuantity('<5')).toEqual({ min: 0, exact: false, raw: '<5' });
  });

  it('rejects values it cannot read', () => {
    expect(parseQuantity('many')).toBeUndefined();
    expect(parseQuantity(-1)).toBeUndefined();
    expect(parseQuantity(1.5)).toBeUndefined();
  });
});
