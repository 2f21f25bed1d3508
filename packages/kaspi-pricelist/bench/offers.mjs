// Deterministic "simple offers" shared by every contender, generated lazily so that input
// memory is the same for all and does not dominate peak RSS.

/** @param {number} count */
export function* simpleOffers(count) {
  for (let i = 0; i < count; i++) {
    yield {
      sku: `AS${100000 + i}`,
      model: `Колонки Mi Bluetooth Speaker ${i % 97} Белый`,
      brand: i % 3 === 0 ? 'Xiaomi' : 'Logitech',
      availabilities: [
        { storeId: 'PP1', available: i % 5 !== 0, stockCount: i % 5 === 0 ? 0 : i % 50 },
      ],
      price: 1000 + (i % 50000),
    };
  }
}

export const header = {
  company: 'Bench Shop',
  merchantId: '30453464',
  date: '2026-11-26T09:00:00',
};
