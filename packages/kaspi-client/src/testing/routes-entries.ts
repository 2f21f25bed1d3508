import type { RouteTable, SimRequest } from '@kaspi-connect/sim-kit';
import { GUIDE_CITIES } from './cities.js';
import { opaqueId } from './order-store.js';
import { HttpRefusal } from './refusal.js';
import { entryResource, masterCode, SIM_ADDRESS } from './serialize.js';
import { TITLES } from './titles.js';
import { type KaspiWorld, links, ok } from './world.js';

/** The entry by id, with its order, or a 404. */
export function entryRef(world: KaspiWorld, id: string) {
  const found = world.book.entriesById.get(id);
  if (!found) throw new HttpRefusal(404, TITLES.notFound(`Order entry ${id}`));
  return found;
}

function posResource(world: KaspiWorld, id: string) {
  const { merchantId } = world.book;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const storeId = decoded.startsWith(`${merchantId}_`)
    ? decoded.slice(merchantId.length + 1)
    : undefined;
  if (!storeId) throw new HttpRefusal(404, TITLES.notFound(`Point of service ${id}`));
  const r = links(world);
  return {
    data: {
      type: 'pointofservices',
      id,
      attributes: { address: SIM_ADDRESS, displayName: storeId },
      relationships: {
        city: {
          links: {
            self: `${r}/v2/pointofservices/${id}/relationships/city`,
            related: `${r}/v2/pointofservices/${id}/city`,
          },
        },
      },
      links: { self: `${r}/v2/pointofservices/${id}` },
    },
  };
}

const cityResource = (code: string, name: string) => ({
  type: 'cities',
  id: opaqueId(code),
  attributes: { code, name, active: true },
});

function masterProduct(world: KaspiWorld, req: SimRequest): Response {
  const { entry } = entryRef(world, req.param('id'));
  const r = links(world);
  const self = `${r}/v2/masterproducts/${entry.masterProductId}`;
  return ok(req, {
    data: {
      type: 'masterproducts',
      id: entry.masterProductId,
      attributes: {
        code: masterCode(entry.sku),
        name: entry.name,
        manufacturer: world.prices.offers.get(entry.sku)?.brand ?? '',
        category: entry.category.code,
      },
      relationships: {
        merchantProduct: {
          links: {
            self: `${self}/relationships/merchantProduct`,
            related: `${self}/merchantProduct`,
          },
        },
      },
    },
  });
}

function merchantProduct(world: KaspiWorld, req: SimRequest): Response {
  const id = req.param('id');
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  if (!decoded.startsWith('master:')) throw new HttpRefusal(404, TITLES.notFound(`Product ${id}`));
  const sku = decoded.slice('master:'.length);
  const offer = world.prices.offers.get(sku);
  return ok(req, {
    data: offer
      ? {
          type: 'merchantproducts',
          id: opaqueId(`merchant:${sku}`),
          attributes: { code: sku, name: offer.model, manufacturer: offer.brand },
        }
      : null,
  });
}

/** Entries and what they link to: products, points of service, cities. */
export function entryRoutes(world: KaspiWorld): RouteTable {
  return {
    'GET /v2/orderentries/:id': (req) =>
      ok(req, { data: entryResource(entryRef(world, req.param('id')).entry, links(world), true) }),
    'GET /v2/orderentries/:id/product': (req) => masterProduct(world, req),
    'GET /v2/orderentries/:id/deliveryPointOfService': (req) =>
      ok(req, posResource(world, entryRef(world, req.param('id')).entry.pointOfServiceId)),
    'GET /v2/masterproducts/:id/merchantProduct': (req) => merchantProduct(world, req),
    'GET /v2/pointofservices/:id': (req) => ok(req, posResource(world, req.param('id'))),
    'GET /v2/pointofservices/:id/city': (req) => {
      posResource(world, req.param('id'));
      return ok(req, { data: cityResource('750000000', 'Алматы') });
    },
    'GET /v2/cities': (req) =>
      ok(req, { data: GUIDE_CITIES.map(([code, name]) => cityResource(code, name)) }),
  };
}
