import { randomInt } from 'node:crypto';
import type { RouteTable, SimRequest } from '@kaspi-connect/sim-kit';
import * as v from 'valibot';
import { MAX_WINDOW_MS } from '../windows.js';
import type { SimOrder } from './order-book.js';
import { customerResource, entryResource, orderResource } from './serialize.js';
import { applyStatusChange, isPickup } from './state-machine.js';
import { TITLES } from './titles.js';
import { HttpRefusal, intParam, jsonBody, type KaspiWorld, ok, orderById } from './world.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const StatusChange = v.object({
  data: v.object({
    type: v.literal('orders'),
    id: v.string(),
    attributes: v.record(v.string(), v.unknown()),
  }),
});

function matchesDeliveryType(order: SimOrder, type: string): boolean {
  return type === 'PICKUP' ? isPickup(order) : type === 'DELIVERY' ? !isPickup(order) : false;
}

/** The creation-date window and paging of a list query, checked by Kaspi's rules. */
function windowOf(world: KaspiWorld, query: URLSearchParams) {
  const pageNumber = intParam(query, 'page[number]');
  if (pageNumber === undefined) throw new HttpRefusal(400, TITLES.pageNumberMissing);
  const pageSize = intParam(query, 'page[size]');
  if (pageSize === undefined) throw new HttpRefusal(400, TITLES.pageSizeMissing);
  if (pageSize > 100) throw new HttpRefusal(400, TITLES.pageSizeTooLarge);
  if (pageSize < 1 || pageNumber < 0) throw new HttpRefusal(400, TITLES.badNumber('page'));
  const ge = intParam(query, 'filter[orders][creationDate][$ge]');
  if (ge === undefined) throw new HttpRefusal(400, TITLES.creationDateGeMissing);
  const le = intParam(query, 'filter[orders][creationDate][$le]') ?? world.book.now();
  if (le - ge > MAX_WINDOW_MS)
    throw new HttpRefusal(400, TITLES.windowTooWide(Math.ceil((le - ge) / DAY_MS)));
  return { pageNumber, pageSize, ge, le };
}

function listOrders(world: KaspiWorld, req: SimRequest): Response {
  const { query } = req;
  const r = world.links;
  const include = query.get('include[orders]');
  const render = (page: SimOrder[], pageCount: number, totalCount: number) => {
    const included: unknown[] = [];
    for (const o of page) {
      if (include === 'entries') for (const e of o.entries) included.push(entryResource(e, r));
      if (include === 'user') included.push(customerResource(o, r));
    }
    return ok(req, {
      data: page.map((o) => orderResource(o, r)),
      included,
      meta: { pageCount, totalCount },
    });
  };
  const code = query.get('filter[orders][code]');
  if (code !== null) {
    const found = world.book.byCode.get(code);
    return render(found ? [found] : [], found ? 1 : 0, found ? 1 : 0);
  }
  const { pageNumber, pageSize, ge, le } = windowOf(world, query);
  const state = query.get('filter[orders][state]');
  if (state === null && world.options.requireStateFilter)
    throw new HttpRefusal(400, TITLES.stateRequired);
  const status = query.get('filter[orders][status]');
  const deliveryType = query.get('filter[orders][deliveryType]');
  const signature = query.get('filter[orders][signatureRequired]');
  const { book } = world;
  const inWindow = book.orders.slice(
    book.firstIndexAfter(ge, false),
    book.firstIndexAfter(le, true),
  );
  const matching = inWindow.filter(
    (o) =>
      (state === null || o.state === state) &&
      (status === null || o.status === status) &&
      (deliveryType === null || matchesDeliveryType(o, deliveryType)) &&
      (signature === null || String(o.signatureRequired) === signature),
  );
  const start = pageNumber * pageSize;
  return render(
    matching.slice(start, start + pageSize),
    Math.ceil(matching.length / pageSize),
    matching.length,
  );
}

async function statusChange(world: KaspiWorld, req: SimRequest): Promise<Response> {
  const parsed = v.safeParse(StatusChange, await jsonBody(req));
  const expected = 'expected { data: { type: "orders", id, attributes } }';
  if (!parsed.success) throw new HttpRefusal(400, TITLES.badBody(expected));
  const order = orderById(world, parsed.output.data.id);
  const header = (name: string) => req.headers.get(name) ?? undefined;
  const result = applyStatusChange(
    order,
    parsed.output.data.attributes,
    { sendCode: header('x-send-code'), securityCode: header('x-security-code') },
    {
      newSecurityCode: () => String(randomInt(1000, 10000)),
      waybillUrl: (o) => `${world.root}/waybill/${o.id}.pdf`,
    },
  );
  if (!result.ok) throw new HttpRefusal(result.status, result.title);
  const full = orderResource(order, world.links);
  return ok(req, { data: { ...full, attributes: result.attributes }, included: [] });
}

/** Orders: the list with Kaspi's query rules, one order, its entries, status changes. */
export function orderRoutes(world: KaspiWorld): RouteTable {
  return {
    'GET /v2/orders': (req) => listOrders(world, req),
    'POST /v2/orders': (req) => statusChange(world, req),
    'GET /v2/orders/:id': (req) => {
      const order = orderById(world, req.param('id'));
      return ok(req, { data: orderResource(order, world.links), included: [] });
    },
    'GET /v2/orders/:id/entries': (req) => {
      const order = orderById(world, req.param('id'));
      const r = world.links;
      return ok(req, { data: order.entries.map((e) => entryResource(e, r)), included: [] });
    },
  };
}
