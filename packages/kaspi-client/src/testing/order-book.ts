import type { SimulatedOffer } from './price-list.js';
import type { BuyerOrderInput, SimulatedOrder } from './types.js';
import { SimulatorRefusal } from './world.js';

type Wanted = { offer: SimulatedOffer; quantity: number; price: number };

/** Kaspi-style opaque id: base64 without padding. */
export const opaqueId = (text: string): string =>
  Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '');

/** What follows `prefix` in a decoded opaque id, or `undefined` when it is not there. */
export function idAfter(id: string, prefix: string): string | undefined {
  const text = Buffer.from(id, 'base64').toString('utf8');
  return text.startsWith(prefix) ? text.slice(prefix.length) : undefined;
}

/** Sum of line totals. */
export const orderTotal = (order: SimOrder): number =>
  order.entries.reduce((sum, e) => sum + e.basePrice * e.quantity, 0);

/** A new order as a buyer placed it; the fields that change later are the state machine's. */
function newOrder(
  code: string,
  merchantId: string,
  input: BuyerOrderInput,
  wanted: Wanted[],
  storeId: string,
  created: number,
) {
  const pickupPointId = `${merchantId}_${storeId}`;
  const signatureRequired = input.signatureRequired ?? false;
  return {
    id: opaqueId(`${code}:ord`),
    code,
    state: signatureRequired ? 'SIGN_REQUIRED' : 'NEW',
    status: 'APPROVED_BY_BANK',
    creationDate: created,
    approvedByBankDate: created + 5_000,
    paymentMode: input.paymentMode ?? 'PAY_WITH_CREDIT',
    deliveryMode: input.deliveryMode ?? 'DELIVERY_PICKUP',
    isKaspiDelivery: input.isKaspiDelivery ?? false,
    signatureRequired,
    signed: !signatureRequired,
    preOrder: input.preOrder ?? false,
    arrived: false,
    pickupPointId,
    deliveryCost: 0,
    customer: {
      id: opaqueId(`customer:${code}`),
      name: null,
      cellPhone: input.customer?.cellPhone ?? '7700000000',
      firstName: input.customer?.firstName ?? 'Покупатель',
      lastName: input.customer?.lastName ?? 'Тестовый',
    },
    entries: wanted.map(({ offer, quantity, price }, i) => ({
      id: opaqueId(`${code}##${i}`),
      entryNumber: i,
      sku: offer.sku,
      name: offer.model,
      quantity,
      basePrice: price,
      /** Grams. */
      weight: 0,
      unitType: 'PIECES',
      category: { code: 'Master - Simulated', title: 'Simulated' },
      masterProductId: opaqueId(`master:${offer.sku}`),
      merchantProductId: opaqueId(`merchant:${offer.sku}`),
      pointOfServiceId: opaqueId(pickupPointId),
    })),
    assembled: false,
    numberOfSpace: undefined as number | undefined,
    waybill: undefined as string | undefined,
    cancellationReason: undefined as string | undefined,
    cancellationComment: undefined as string | undefined,
    /** The code Kaspi sent to the buyer's app after step 1 of COMPLETED. */
    securityCode: undefined as string | undefined,
    returnedToWarehouse: false,
  };
}

/** An order inside the simulator. */
export type SimOrder = ReturnType<typeof newOrder>;
/** An order line inside the simulator. */
export type SimEntry = SimOrder['entries'][number];

/** The marketplace's orders, kept sorted by creation date. */
export class OrderBook {
  readonly orders: SimOrder[] = [];
  readonly byId = new Map<string, SimOrder>();
  readonly byCode = new Map<string, SimOrder>();
  readonly entriesById = new Map<string, { order: SimOrder; entry: SimEntry }>();
  #nextCode = 600_000_001;

  /** `merchantId` names the points of sale; `now` dates new orders. */
  constructor(
    readonly merchantId: string,
    readonly now: () => number,
  ) {}

  /** Index of the first order created after `ms` (or at/after it when `inclusive` is false). */
  firstIndexAfter(ms: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = (this.orders[mid] as SimOrder).creationDate;
      if (t < ms || (inclusive && t === ms)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The order by id or code, or a refusal. */
  find(idOrCode: string): SimOrder {
    const order = this.byId.get(idOrCode) ?? this.byCode.get(idOrCode);
    if (!order) throw new SimulatorRefusal(`No order ${idOrCode}`);
    return order;
  }

  /** A buyer places an order: published, available offers only, at the published price. */
  create(input: BuyerOrderInput, offers: ReadonlyMap<string, SimulatedOffer>): SimulatedOrder {
    if (input.items.length === 0) throw new SimulatorRefusal('An order needs at least one item');
    const cityId = input.cityId ?? '750000000';
    const wanted = input.items.map((item): Wanted => {
      const quantity = item.quantity ?? 1;
      if (!Number.isInteger(quantity) || quantity < 1)
        throw new SimulatorRefusal(`Quantity of ${item.sku} must be a positive integer`);
      const offer = offers.get(item.sku);
      if (!offer) throw new SimulatorRefusal(`Offer ${item.sku} is not published on Kaspi`);
      const price = offer.cityPrices.get(cityId) ?? offer.price;
      if (price === undefined)
        throw new SimulatorRefusal(`Offer ${item.sku} has no price for city ${cityId}`);
      const expected = input.expectedPrices?.[item.sku];
      if (expected !== undefined && expected !== price)
        throw new SimulatorRefusal(`Offer ${item.sku} costs ${price} on Kaspi, not ${expected}`);
      return { offer, quantity, price };
    });
    const storeId = chooseStore(wanted, input.storeId);
    const created = input.creationDate?.getTime() ?? this.now();
    const code = String(this.#nextCode++);
    const order = newOrder(code, this.merchantId, input, wanted, storeId, created);
    // Kept sorted by creationDate so list queries find their window by binary search.
    this.orders.splice(this.firstIndexAfter(order.creationDate, true), 0, order);
    this.byId.set(order.id, order);
    this.byCode.set(order.code, order);
    for (const entry of order.entries) this.entriesById.set(entry.id, { order, entry });
    return snapshot(order);
  }
}

/** The point of sale: the asked one if it stocks everything, else the first that does. */
function chooseStore(wanted: Wanted[], asked: string | undefined): string {
  const stocks = (storeId: string) => (w: Wanted) =>
    w.offer.availabilities.some(
      (a) =>
        a.storeId === storeId &&
        a.available &&
        (a.stockCount === undefined || a.stockCount >= w.quantity),
    );
  const candidates =
    asked === undefined
      ? [...new Set(wanted.flatMap(({ offer }) => offer.availabilities.map((a) => a.storeId)))]
      : [asked];
  const storeId = candidates.find((c) => wanted.every(stocks(c)));
  if (storeId !== undefined) return storeId;
  const missing = wanted.find((w) => !candidates.some((c) => stocks(c)(w))) ?? wanted[0];
  const at = asked === undefined ? '' : ` at ${asked}`;
  throw new SimulatorRefusal(
    `Offer ${missing?.offer.sku} is not available in quantity ${missing?.quantity}${at}`,
  );
}

/** The public view of an order. */
export function snapshot(o: SimOrder): SimulatedOrder {
  return {
    id: o.id,
    code: o.code,
    state: o.state,
    status: o.status,
    creationDate: new Date(o.creationDate),
    totalPrice: orderTotal(o),
    isKaspiDelivery: o.isKaspiDelivery,
    assembled: o.assembled,
    arrived: o.arrived,
    cancellationReason: o.cancellationReason,
    cancellationComment: o.cancellationComment,
    entries: o.entries.map((e) => ({
      id: e.id,
      sku: e.sku,
      quantity: e.quantity,
      basePrice: e.basePrice,
      weight: e.weight,
    })),
  };
}
