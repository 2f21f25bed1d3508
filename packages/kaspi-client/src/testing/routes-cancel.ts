import type { RouteTable } from '@kaspi-connect/sim-kit';
import * as v from 'valibot';
import { opaqueId, type SimOrder } from './order-store.js';
import { HttpRefusal } from './refusal.js';
import { entryRef } from './routes-entries.js';
import { TITLES } from './titles.js';
import { jsonBody, type KaspiWorld, ok } from './world.js';

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
  const { attributes, relationships } = parsed.output.data;
  const { order, entry } = entryRef(world, relationships.entry.data.id);
  mustBeCancellable(order);
  const rq = attributes.remainedQuantity;
  if (!Number.isInteger(rq) || rq < 0 || rq > entry.quantity)
    throw new HttpRefusal(400, TITLES.remainedQuantity);
  entry.quantity = rq;
  return {
    data: {
      type: 'orderEntryCancelOperation',
      id: opaqueId(`op:${world.nextOperation++}`),
      attributes: { remainedQuantity: rq, status: 'SUCCESSFULL' },
    },
  };
}

function partialCancel(world: KaspiWorld, orderId: string, body: unknown) {
  const order = world.book.byId.get(orderId);
  if (!order) throw new HttpRefusal(404, TITLES.notFound(`Order ${orderId}`));
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

/** Cancelling entries: one by one (JSON:API) or several at once. */
export function cancelRoutes(world: KaspiWorld): RouteTable {
  return {
    'POST /v2/orderEntryCancelOperation': async (req) =>
      ok(req, entryCancel(world, await jsonBody(req))),
    'PUT /orderPartialCancel/:id': async (req) =>
      ok(req, partialCancel(world, req.param('id'), await jsonBody(req))),
  };
}
