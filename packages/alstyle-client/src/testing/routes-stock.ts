import type { RouteTable } from '@kaspi-connect/sim-kit';
import type { AlStyleQuirk } from './faults.js';
import { inStock, isTrue } from './products.js';
import { articlesOf } from './routes-catalogue.js';
import { type AlStyleWorld, answer, ok } from './world.js';

/** Stock and prices: `/api/quantity` and `/api/quantity-price`. */
export function stockRoutes(world: AlStyleWorld): RouteTable<AlStyleQuirk> {
  const selected = (q: URLSearchParams) => {
    const articles = articlesOf(q);
    if (articles.length > 1000)
      return answer(400, { status: false, message: 'Не более 1000 артикулов' });
    return articles.length > 0
      ? articles.flatMap((a) => world.byArticle.get(a) ?? [])
      : world.catalogue.products;
  };
  return {
    'GET /api/quantity': (req) => {
      const products = selected(req.query);
      if (!Array.isArray(products)) return products;
      return ok(Object.fromEntries(products.map((p) => [String(p.article), p.quantity])));
    },
    'GET /api/quantity-price': (req) => {
      let products = selected(req.query);
      if (!Array.isArray(products)) return products;
      const brand = req.query.get('brand');
      if (isTrue(req.query.get('exclude_missing'))) products = products.filter(inStock);
      if (brand) products = products.filter((p) => p.brandId === brand);
      return ok(
        Object.fromEntries(
          products.map((p) => [
            String(p.article),
            {
              quantity: p.quantity,
              price1: p.price1,
              price2: p.price2,
              discountPrice: Math.round(p.price2 * 0.95),
              discount: 5,
              warehouse: 'panfilov',
            },
          ]),
        ),
      );
    },
  };
}
