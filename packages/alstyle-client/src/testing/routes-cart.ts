import type { RouteTable } from '@kaspi-connect/sim-kit';
import type { AlStyleQuirk } from './faults.js';
import { list } from './routes-catalogue.js';
import type { SimulatedOrder } from './types.js';
import { type AlStyleWorld, ok, refused } from './world.js';

function add(world: AlStyleWorld, q: URLSearchParams): Response {
  const articles = list(q.get('add')).map(Number);
  const quantities = list(q.get('quantity')).map(Number);
  if (articles.length === 0) return ok({ success: false, message: 'add is required' });
  const unknown = articles.find((a) => !world.byArticle.has(a));
  if (unknown !== undefined) return ok({ success: false, message: `Товар ${unknown} не найден` });
  const data = articles.map((article, i) => {
    const quantity = quantities[i] ?? 1;
    const line = world.cart.find((l) => l.article === article);
    // Whether the real API adds or replaces is unknown; the simulator adds.
    if (line) line.quantity += quantity;
    else world.cart.push({ itemId: world.nextItemId++, article, quantity });
    return { hash: `${article}`.padStart(40, '0') };
  });
  return ok({ success: true, data });
}

function cartContents(world: AlStyleWorld): Response {
  if (world.cart.length === 0) return ok({ status: true, user: 1, data: [] });
  const data: Record<string, unknown> = {};
  for (const line of world.cart) {
    const p = world.byArticle.get(line.article);
    if (!p) continue;
    data[String(line.itemId)] = {
      id: line.itemId + 1_000_000,
      time: 20241124100000,
      article: p.article,
      item_id: line.itemId,
      in_package: 10,
      is_not_discount: 0,
      label: p.name,
      price: p.price1,
      price2: String(p.price2),
      balance: String(p.quantity),
      url: `https://al-style.kz/catalog/item/${p.article}/`,
      full_title: p.full_name,
      quantity: line.quantity,
      is_markdown: 0,
      multiplicity: p.multiplicity,
      weight: p.weight,
      volume: 0.001,
      total: p.price1 * line.quantity,
    };
  }
  return ok({ status: true, user: 1, data });
}

/** Takes the cart's quantities from stock; `false` when a line is short. */
function takeFromStock(world: AlStyleWorld): boolean {
  const short = world.cart.find((l) => {
    const q = world.byArticle.get(l.article)?.quantity;
    return typeof q === 'number' && q < l.quantity;
  });
  if (short !== undefined) return false;
  for (const line of world.cart) {
    const product = world.byArticle.get(line.article);
    // A lower bound such as ">50" stays a lower bound: the exact count is unknown.
    if (product !== undefined && typeof product.quantity === 'number')
      product.quantity -= line.quantity;
  }
  return true;
}

/** Submit parameters travel in the query, as in the known-good integration. */
function submit(world: AlStyleWorld, p: URLSearchParams): Response {
  const shippingDate = p.get('shipping_date') ?? '';
  if (!/^\d{2}\.\d{2}\.\d{4}$/.test(shippingDate)) return refused('Неверная дата отгрузки');
  let attorney: unknown;
  let delivery: unknown;
  try {
    attorney = JSON.parse(p.get('attorney_json') ?? '');
    delivery = JSON.parse(p.get('delivery_json') ?? '');
  } catch {
    return refused('Неверные attorney_json / delivery_json');
  }
  if (world.cart.length === 0) return refused('Корзина пуста');
  if (world.options.decrementStockOnOrder === true && !takeFromStock(world))
    return refused('Недостаточно товара');
  const order: SimulatedOrder = {
    id: world.nextOrderId++,
    externalId: p.get('external_id'),
    comments: p.get('comments'),
    shippingDate,
    attorney,
    delivery,
    createdAt: new Date().toISOString().replace('T', ' ').slice(0, 19),
    status: null,
    lines: world.cart.map((l) => ({
      article: l.article,
      price: world.byArticle.get(l.article)?.price1 ?? 0,
      quantity: l.quantity,
    })),
    files: [],
  };
  world.orders.push(order);
  world.cart.length = 0;
  return ok({ status: true, data: { status: 'ok', id: order.id } });
}

/** The shared cart: add, remove, read, clear, submit as an order, cancel an order. */
export function cartRoutes(world: AlStyleWorld): RouteTable<AlStyleQuirk> {
  const uncancellable = new Set(
    world.options.uncancellableStatuses ?? ['P', 'OS', 'OK', 'F', 'Un'],
  );
  return {
    'GET /cart-api/add': (req) => add(world, req.query),
    'GET /cart-api/remove': (req) => {
      const item = Number(req.query.get('item'));
      const at = world.cart.findIndex((l) => l.article === item);
      if (at < 0) return ok({ success: false, message: 'Нет в корзине' });
      world.cart.splice(at, 1);
      return ok({ success: true, data: [{ success: true, hash: `${item}`.padStart(40, '0') }] });
    },
    'GET /cart-api/get': () => cartContents(world),
    'GET /cart-api/clear': () => {
      world.cart.length = 0;
      return ok({ status: true, data: true });
    },
    'POST /cart-api/submit': (req) => submit(world, req.query),
    'GET /cart-api/cancel': (req) => {
      const order = world.order(Number(req.query.get('order')));
      if (!order) return refused('Заказ не найден');
      if (uncancellable.has(order.status ?? '')) return refused('Заказ нельзя отменить');
      order.status = 'DA';
      return ok({ status: true });
    },
  };
}
