import type { RouteTable } from '@kaspi-connect/sim-kit';
import type { AlStyleQuirk } from './faults.js';
import type { SimulatedOrder } from './types.js';
import { type AlStyleWorld, apiError, ok, refused } from './world.js';

const PAGE_SIZE = 20;
/** The statuses each `type` of `/api/orders` lists; every other type lists all but cancelled. */
const LISTED: Readonly<Record<string, (status: string | null) => boolean>> = {
  canceled: (status) => status === 'DA',
  archive: (status) => status === 'F',
};

function orderJson(o: SimulatedOrder, idAsString: boolean): Record<string, unknown> {
  return {
    id: idAsString ? String(o.id) : o.id,
    date: o.createdAt,
    date_status: null,
    date_payment: null,
    sum: o.lines.reduce((s, l) => s + l.price * l.quantity, 0),
    bin: '111111111111',
    user_id: 1,
    status: o.status,
    merge_with: idAsString ? 0 : null,
  };
}

function listOrders(world: AlStyleWorld, q: URLSearchParams): Response {
  const type = q.get('type') ?? 'index';
  const pageNo = Math.max(1, Number(q.get('page') ?? 1) || 1);
  const listed = LISTED[type] ?? ((status) => status !== 'DA');
  const selected = [...world.orders].reverse().filter((o) => listed(o.status));
  return ok({
    elements: selected
      .slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE)
      .map((o) => orderJson(o, true)),
    pagination: {
      totalCount: selected.length,
      totalPages: Math.max(1, Math.ceil(selected.length / PAGE_SIZE)),
      pageSize: PAGE_SIZE,
      currentPage: pageNo,
    },
  });
}

/** Orders: the list, one order's details, delivery notes and files. */
export function orderRoutes(world: AlStyleWorld): RouteTable<AlStyleQuirk> {
  return {
    'GET /api/orders': (req) => listOrders(world, req.query),
    'GET /api/order': (req) => {
      const order = world.order(Number(req.query.get('id')));
      if (!order) return apiError(404, 'Not Found', 'Заказ не найден');
      const identity =
        world.options.orderDetailsCarryExternalId === true
          ? { external_id: order.externalId, comments: order.comments }
          : {};
      return ok({ data: { ...orderJson(order, false), ...identity, cart: order.lines } });
    },
    'POST /api/order-confirm': (req) => {
      const p = req.query;
      const order = world.order(Number(p.get('id')));
      if (!order || !p.get('date_delivery') || !p.get('attorney_json') || !p.get('delivery_json'))
        return refused('Неверные параметры');
      return ok({ status: true, data: { status: 'ok', id: world.nextNoteId++ } });
    },
    'POST /api/orders-files': async (req) => {
      const order = world.order(Number(req.query.get('order')));
      const multipart = req.headers.get('content-type')?.includes('multipart/form-data');
      if (!order || !multipart || (await req.text()) === '') return refused('Файл не загружен');
      const name = `${order.id}-${req.query.get('index') ?? order.files.length + 1}.pdf`;
      order.files.push(name);
      return ok({ status: true, message: 'Файл успешно загружен', file_name: name });
    },
  };
}
