import type { RouteTable, SimRequest } from '@kaspi-connect/sim-kit';
import * as v from 'valibot';
import { GUIDE_CITIES } from './cities.js';
import { idAfter, opaqueId, type SimOrder } from './order-book.js';
import { entryResource, masterCode, resource, SIM_ADDRESS } from './serialize.js';
import { TITLES } from './titles.js';
import { HttpRefusal, jsonBody, type KaspiWorld, ok, orderById } from './world.js';

/** The entry by id, with its order, or a 404. */
function entryRef(world: KaspiWorld, id: string) {
  const found = world.book.entriesById.get(id);
  if (!found) throw new HttpRefusal(404, TITLES.notFound(`Order entry ${id}`));
  return found;
}

function posResource(world: KaspiWorld, id: string) {
  const storeId = idAfter(id, `${world.book.merchantId}_`);
  if (!storeId) throw new HttpRefusal(404, TITLES.notFound(`Point of service ${id}`));
  const attributes = { address: SIM_ADDRESS, displayName: storeId };
  // The city is only linked, as Kaspi does: `data` is left out.
  return { data: resource(world.links, 'pointofservices', id, attributes, { city: undefined }) };
}

const cityResource = (code: string, name: string) => ({
  type: 'cities',
  id: opaqueId(code),
  attributes: { code, name, active: true },
});

function masterProduct(world: KaspiWorld, req: SimRequest): Response {
  const { entry } = entryRef(world, req.param('id'));
  const id = entry.masterProductId;
  const attributes = {
    code: masterCode(entry.sku),
    name: entry.name,
    manufacturer: world.prices.offers.get(entry.sku)?.brand ?? '',
    category: entry.category.code,
  };
  const rels = { merchantProduct: undefined };
  // Served without a `self` link of its own.
  const { links: _, ...data } = resource(world.links, 'masterproducts', id, attributes, rels);
  return ok(req, { data });
}

function merchantProduct(world: KaspiWorld, req: SimRequest): Response {
  const id = req.param('id');
  const sku = idAfter(id, 'master:');
  if (sku === undefined) throw new HttpRefusal(404, TITLES.notFound(`Product ${id}`));
  const offer = world.prices.offers.get(sku);
  if (!offer) return ok(req, { data: null });
  const attributes = { code: sku, name: offer.model, manufacturer: offer.brand };
  const merchantId = opaqueId(`merchant:${sku}`);
  return ok(req, { data: { type: 'merchantproducts', id: merchantId, attributes } });
}

const EntryCancel = v.object({
  data: v.object({
    type: v.literal('orderEntryCancelOperation'),
    attributes: v.object({
      remainedQuantity: v.number(),
      reason: v.string(),
      notes: v.optional(v.string()),
    }),
    relationships: v.object({
      entry: v.object({ data: v.object({ type: v.literal('orderentries'), id: v.string() }) }),
    }),
  }),
});

const PartialCancel = v.pipe(
  v.array(
    v.object({
      entry: v.object({ id: v.string() }),
      remainedQuantity: v.optional(v.number()),
      remainedWeight: v.optional(v.number()),
      reason: v.string(),
      notes: v.optional(v.string()),
    }),
  ),
  v.minLength(1),
);

function mustBeCancellable(order: SimOrder): void {
  if (order.status !== 'APPROVED_BY_BANK' && order.status !== 'ACCEPTED_BY_MERCHANT')
    throw new HttpRefusal(400, TITLES.transition(order.status, 'partial cancel'));
}

function entryCancel(world: KaspiWorld, body: unknown) {
  const parsed = v.safeParse(EntryCancel, body);
  if (!parsed.success)
    throw new HttpRefusal(400, TITLES.badBody('expected an orderEntryCancelOperation'));
  const { attributes: asked, relationships } = parsed.output.data;
  const { order, entry } = entryRef(world, relationships.entry.data.id);
  mustBeCancellable(order);
  const rq = asked.remainedQuantity;
  if (!Number.isInteger(rq) || rq < 0 || rq > entry.quantity)
    throw new HttpRefusal(400, TITLES.remainedQuantity);
  entry.quantity = rq;
  const id = opaqueId(`op:${world.nextOperation++}`);
  const attributes = { remainedQuantity: rq, status: 'SUCCESSFULL' };
  return { data: { type: 'orderEntryCancelOperation', id, attributes } };
}

function partialCancel(world: KaspiWorld, orderId: string, body: unknown) {
  const order = orderById(world, orderId);
  const parsed = v.safeParse(PartialCancel, body);
  if (!parsed.success) throw new HttpRefusal(400, TITLES.badBody('expected a non-empty array'));
  mustBeCancellable(order);
  // Validate everything before changing anything.
  const plan = parsed.output.map((item) => {
    const entry = order.entries.find((e) => e.id === item.entry.id);
    if (!entry) throw new HttpRefusal(400, TITLES.entryNotInOrder(item.entry.id));
    if (item.reason === 'PRODUCT_UNDERWEIGHT' && entry.unitType === 'PIECES')
      throw new HttpRefusal(400, TITLES.underweightOnlyMeasurable);
    const rq = item.remainedQuantity;
    if (rq !== undefined && (!Number.isInteger(rq) || rq < 0 || rq > entry.quantity))
      throw new HttpRefusal(400, TITLES.remainedQuantity);
    const rw = item.remainedWeight;
    if (rw !== undefined && (rw < 0 || (entry.weight > 0 && rw > entry.weight)))
      throw new HttpRefusal(400, TITLES.remainedWeight);
    return { item, entry };
  });
  return {
    orderCancelEntries: plan.map(({ item, entry }) => {
      if (item.remainedQuantity !== undefined) entry.quantity = item.remainedQuantity;
      if (item.remainedWeight !== undefined) entry.weight = item.remainedWeight;
      return {
        id: opaqueId(`pc:${world.nextOperation++}`),
        entry: { id: entry.id },
        remainedQuantity: entry.quantity,
        remainedWeight: entry.weight,
        reason: item.reason,
        notes: item.notes ?? '',
      };
    }),
    status: 'SUCCESSFUL',
  };
}

/** Entries, what they link to (products, points of service, cities) and cancelling them. */
export function entryRoutes(world: KaspiWorld): RouteTable {
  return {
    'GET /v2/orderentries/:id': (req) =>
      ok(req, { data: entryResource(entryRef(world, req.param('id')).entry, world.links, true) }),
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
    'POST /v2/orderEntryCancelOperation': async (req) =>
      ok(req, entryCancel(world, await jsonBody(req))),
    'PUT /orderPartialCancel/:id': async (req) =>
      ok(req, partialCancel(world, req.param('id'), await jsonBody(req))),
  };
}
