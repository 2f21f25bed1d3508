import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Offer, PriceList } from '../src/index.js';

/**
 * Kaspi's guide sample and the original system's feed, copied verbatim from the project's shared
 * fixtures so the tests run in any clone (a GitHub checkout has no `shared/` beside it).
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Reads a shared Kaspi fixture as text. */
export function fixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

/** Path of a shared Kaspi fixture. */
export function fixturePath(name: string): string {
  return FIXTURES + name;
}

/** A valid single-price offer; override any field. */
export function offer(overrides: Partial<Record<keyof Offer, unknown>> = {}): Offer {
  return {
    sku: 'AS20932',
    model: 'Колонки Mi Bluetooth Speaker Square Box II',
    brand: 'Xiaomi',
    availabilities: [{ storeId: 'PP1', available: true, stockCount: 5 }],
    price: 13490,
    ...overrides,
  } as Offer;
}

/** The guide's official sample as a model. */
export const guideSample: PriceList = {
  company: 'CompanyName',
  merchantId: 'CompanyID',
  date: 'string',
  offers: [
    {
      sku: '232130213',
      model: 'iphone 5s white 32gb',
      brand: 'Apple',
      availabilities: [
        { storeId: 'myFavoritePickupPoint1', available: true, preOrder: 3, stockCount: 234 },
        { storeId: 'myFavoritePickupPoint2', available: true, preOrder: 20, stockCount: 234 },
      ],
      price: 6418,
    },
    {
      sku: '232130223',
      model: 'iphone 6s white 32gb',
      brand: 'Apple',
      availabilities: [
        { storeId: 'myFavoritePickupPoint1', available: true, preOrder: 3, stockCount: 234 },
        { storeId: 'myFavoritePickupPoint2', available: true, preOrder: 20, stockCount: 234 },
      ],
      cityPrices: [
        { cityId: '750000000', price: 193000 },
        { cityId: '710000000', price: 195000 },
      ],
    },
  ],
};

/** A header used by most tests. */
export const header = { company: 'Shop', merchantId: '30453464', date: '2026-11-26T09:00:00' };
