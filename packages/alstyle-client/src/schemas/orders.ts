import * as v from 'valibot';
import { parseQuantity } from '../quantity.js';
import { int } from './catalogue.js';

/** Documented order status codes. */
export const ORDER_STATUSES = ['N', 'P', 'SV', 'OS', 'OK', 'F', 'Un', 'R', 'DA'] as const;

/**
 * Order status: N awaiting payment, P shipped awaiting payment, SV ready to ship, OS pickup,
 * OK being shipped, F shipped and paid, Un merged, R preliminary reserve, DA cancelled; or a code
 * the documentation does not list.
 */
export type AlStyleOrderStatus = (typeof ORDER_STATUSES)[number] | (string & {});

const summaryEntries = {
  date: v.string(),
  date_status: v.nullish(v.string()),
  date_payment: v.nullish(v.string()),
  sum: v.number(),
  bin: v.nullish(v.string()),
  user_id: v.nullish(int),
  status: v.nullish(v.string()),
  merge_with: v.nullish(int),
};

/** The fields a list entry and an order share; `""` status and merge id 0 mean none. */
function common(o: v.InferOutput<v.LooseObjectSchema<typeof summaryEntries, undefined>>) {
  const status: AlStyleOrderStatus | null = o.status || null;
  return {
    date: o.date,
    statusDate: o.date_status ?? null,
    paymentDate: o.date_payment ?? null,
    sum: o.sum,
    bin: o.bin ?? null,
    userId: o.user_id ?? null,
    status,
    mergedInto: o.merge_with || null,
  };
}

/** `/api/orders` response. */
export const ordersSchema = v.pipe(
  v.looseObject({
    elements: v.array(
      v.looseObject({
        id: v.union([v.string(), v.pipe(int, v.transform(String))]),
        ...summaryEntries,
      }),
    ),
    pagination: v.looseObject({
      totalCount: int,
      totalPages: v.optional(int),
      pageSize: v.optional(int),
      currentPage: v.optional(int),
    }),
  }),
  v.transform((r) => ({
    orders: r.elements.map((o) => ({ id: o.id, ...common(o) })),
    totalCount: r.pagination.totalCount,
    totalPages: r.pagination.totalPages ?? 1,
    currentPage: r.pagination.currentPage ?? 1,
    pageSize: r.pagination.pageSize ?? 20,
  })),
);

/** A page of `/api/orders`. */
export type AlStyleOrderPage = Readonly<v.InferOutput<typeof ordersSchema>>;
/**
 * An entry of `/api/orders`: `id` is kept as the string the list sends (`/api/order`'s is a
 * number), `date` is `YYYY-MM-DD HH:MM:SS`, `paymentDate` `YYYY-MM-DD`, and `mergedInto` the order
 * it was merged into (`null` when not merged: the API sends 0).
 */
export type AlStyleOrderSummary = Readonly<AlStyleOrderPage['orders'][number]>;

/** `/api/order` response. */
export const orderSchema = v.pipe(
  v.looseObject({
    data: v.looseObject({
      id: v.union([int, v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number))]),
      ...summaryEntries,
      cart: v.array(v.looseObject({ article: int, price: v.number(), quantity: v.number() })),
      external_id: v.nullish(v.union([v.string(), v.pipe(v.number(), v.transform(String))])),
      comments: v.nullish(v.union([v.string(), v.pipe(v.number(), v.transform(String))])),
    }),
  }),
  v.transform(({ data }) => ({
    id: data.id,
    ...common(data),
    ...(data.external_id ? { externalId: data.external_id } : {}),
    ...(data.comments ? { comments: data.comments } : {}),
    lines: data.cart.map((l) => ({ article: l.article, price: l.price, quantity: l.quantity })),
  })),
);

/**
 * `/api/order`: the summary's fields with a numeric `id`, the order's `lines`, and `externalId`
 * (as submitted) and `comments` when the answer carries them (the doc's example does not).
 */
export type AlStyleOrder = Readonly<v.InferOutput<typeof orderSchema>>;

/** `{status: true, data: {status: "ok", id}}` of `cart-api/submit` and `order-confirm`. */
export const statusOkIdSchema = v.looseObject({
  status: v.literal(true),
  data: v.looseObject({
    status: v.literal('ok'),
    id: v.union([int, v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number))]),
  }),
});

/** `{status: true}` (cancel) or `{status: true, data: true}` (clear). */
export const statusTrueSchema = v.looseObject({ status: v.literal(true) });

/** `{success: true, data: [...]}` of `cart-api/add` and `remove`. */
export const successTrueSchema = v.looseObject({ success: v.literal(true) });

const cartItemSchema = v.object({
  item_id: v.optional(int),
  id: v.optional(int),
  article: int,
  label: v.nullish(v.string(), null),
  quantity: v.number(),
  price: v.number(),
  price2: v.nullish(v.union([v.string(), v.number()])),
  balance: v.nullish(v.union([v.string(), v.number()]), null),
  total: v.nullish(v.number(), null),
  multiplicity: v.nullish(v.number(), null),
});

/** `cart-api/get` response; an empty cart may come as `{}` or `[]` (undocumented). */
export const cartSchema = v.pipe(
  v.looseObject({
    status: v.literal(true),
    user: v.nullish(int),
    data: v.nullish(v.union([v.record(v.string(), cartItemSchema), v.array(cartItemSchema)])),
  }),
  v.transform((r) => ({
    userId: r.user ?? null,
    items: Object.values(r.data ?? {}).map(({ item_id, id, price2, balance, ...i }) => {
      const retail = Number(price2 ?? Number.NaN);
      return {
        ...i,
        itemId: item_id ?? id ?? i.article,
        retailPrice: Number.isFinite(retail) && retail > 1 ? retail : null,
        balance: balance === null ? null : (parseQuantity(balance) ?? null),
      };
    }),
  })),
);

/** The account's shared cart. */
export type AlStyleCart = Readonly<v.InferOutput<typeof cartSchema>>;
/**
 * A line of the shared cart: `price` is the dealer price per unit, `retailPrice` the retail one
 * (the cart sends it as a string), `balance` the stock at the warehouse (e.g. `>50`).
 */
export type AlStyleCartItem = Readonly<AlStyleCart['items'][number]>;

/** `/api/orders-files` response. */
export const orderFileSchema = v.looseObject({
  status: v.literal(true),
  message: v.nullish(v.string()),
  file_name: v.nullish(v.string()),
});
