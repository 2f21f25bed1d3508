import { describe, expect, it } from 'vitest';
import { KaspiError, parseKaspiLink } from '../src/index.js';

const base = 'http://127.0.0.1:5555/shop/api';

describe('parseKaspiLink', () => {
  it('resolves absolute Kaspi links, relative links and links on the configured base URL', () => {
    const expected = { kind: 'orderEntries', orderId: 'X' };
    expect(parseKaspiLink('https://kaspi.kz/shop/api/v2/orders/X/entries', base)).toEqual(expected);
    expect(parseKaspiLink('/v2/orders/X/entries', base)).toEqual(expected);
    expect(parseKaspiLink('/shop/api/v2/orders/X/entries', base)).toEqual(expected);
    expect(parseKaspiLink(`${base}/v2/orders/X/entries`, base)).toEqual(expected);
  });

  it('recognises every followed relationship', () => {
    expect(parseKaspiLink('/v2/orderentries/E/product', base)).toEqual({
      kind: 'entryProduct',
      entryId: 'E',
    });
    expect(parseKaspiLink('/v2/orderentries/E/deliveryPointOfService', base)).toEqual({
      kind: 'entryPointOfService',
      entryId: 'E',
    });
    expect(parseKaspiLink('/v2/masterproducts/M/merchantProduct', base)).toEqual({
      kind: 'merchantProduct',
      productId: 'M',
    });
    expect(parseKaspiLink('/v2/pointofservices/P/city', base)).toEqual({
      kind: 'pointOfServiceCity',
      pointOfServiceId: 'P',
    });
    expect(parseKaspiLink('/v2/orders/b3I%3D', base)).toEqual({ kind: 'order', orderId: 'b3I=' });
  });

  it('refuses links to other hosts so the token never leaves for them', () => {
    expect(() => parseKaspiLink('https://evil.example/shop/api/v2/orders/X/entries', base)).toThrow(
      KaspiError,
    );
    expect(() =>
      parseKaspiLink('https://kaspi.kz.evil.example/shop/api/v2/orders/X', base),
    ).toThrow(/outside the Kaspi API/);
    expect(() => parseKaspiLink('/v2/unknown/X', base)).toThrow(/Unknown/);
  });
});
