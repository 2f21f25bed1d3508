import type { AlStyleClient, SubmitCartInput } from '../client-types.js';
import { type AlStyleDateInput, parseAlStyleDate, toAlStyleDate } from '../dates.js';
import { AlStyleOperationError } from '../errors.js';
import type { AlStyleLogger, OrderStep } from '../events.js';
import {
  type AlStyleAttorney,
  type AlStyleCarrier,
  type AlStyleUserData,
  pickMainAttorney,
  pickMainCarrier,
} from '../schemas/account.js';
import type { AlStyleCart } from '../schemas/orders.js';
import type { CartLock } from '../transport/mutex.js';

/** Input of `createOrder`. */
export interface CreateOrderInput
  extends Pick<SubmitCartInput, 'consignment' | 'withoutDocs' | 'bin'> {
  /** Lines to order; an article may appear once. */
  readonly items: readonly { readonly article: number; readonly quantity: number }[];
  /** Shipping date: `Date` (Almaty time), `YYYY-MM-DD` or `DD.MM.YYYY`. */
  readonly shippingDate: AlStyleDateInput;
  /** Your order id, e.g. the Kaspi order code; sent as `external_id` and in the comment. */
  readonly externalId: string;
  /** Power of attorney; default the first main, non-empty, unexpired one from user-data. */
  readonly attorney?: AlStyleAttorney | undefined;
  /** Shipping method; default the first main one from user-data. */
  readonly delivery?: AlStyleCarrier | undefined;
  /** Comment on the order; default `externalId`. */
  readonly comment?: string | undefined;
  /** Check the cart after adding (one more request). Default `true`. */
  readonly verifyCart?: boolean | undefined;
}

/** What `createOrder` returns. */
export interface CreateOrderResult {
  /** The Al-Style order number (`data.id` of `cart-api/submit`). */
  readonly orderId: number;
  /** The cart as verified right before submitting, when `verifyCart` is on. */
  readonly cart: AlStyleCart | null;
}

/**
 * Locks whose cart this process left empty with a successful submit. The next order behind the
 * same lock skips the clear (one rate-limit slot) and relies on the exact cart check instead.
 */
const emptiedBySubmit = new WeakSet<CartLock>();
/** Locks where skipping the clear once found a cart that was not empty: always clear there. */
const clearAlways = new WeakSet<CartLock>();

/**
 * user-data → clear → add → verify → submit, all under the token's cart lock so nothing else
 * in the process touches the shared cart in between. Submit is never resent.
 */
export async function createOrderFlow(
  client: AlStyleClient,
  lock: CartLock,
  input: CreateOrderInput,
  context: {
    logger: AlStyleLogger | undefined;
    signal: AbortSignal | undefined;
    /** Returns (possibly cached) user-data. */
    loadUserData: (options: { signal?: AbortSignal }) => Promise<AlStyleUserData>;
  },
): Promise<CreateOrderResult> {
  const { logger, signal } = context;
  validate(input);
  const shippingDate = toAlStyleDate(input.shippingDate);
  const step = (name: OrderStep): void =>
    logger?.({ type: 'order.step', step: name, externalId: input.externalId });
  const call = signal ? { signal } : {};

  step('lock');
  return lock.run(async () => {
    let attorney = input.attorney;
    let delivery = input.delivery;
    if (attorney === undefined || delivery === undefined) {
      step('user-data');
      const userData = await context.loadUserData(call);
      attorney ??= pickMainAttorney(userData, parseAlStyleDate(shippingDate));
      delivery ??= pickMainCarrier(userData);
      if (!attorney)
        throw new AlStyleOperationError('user-data lists no main, non-empty power of attorney');
      if (!delivery) throw new AlStyleOperationError('user-data lists no main shipping method');
    }
    const cart = await fillCart(client, lock, input, step, call);
    step('submit');
    // submitCart reads externalId, consignment, withoutDocs and bin from the input as given.
    const comments = input.comment ?? input.externalId;
    const submit = { ...input, shippingDate, attorney, delivery, comments };
    const orderId = await client.submitCart(submit, call);
    emptiedBySubmit.add(lock);
    step('done');
    return { orderId, cart };
  }, signal);
}

/**
 * Clears the cart (unless this process emptied it with its last submit and the cart is verified),
 * adds the items and verifies them. A skipped clear that meets a cart that is not exactly the
 * order clears and fills once more, so nothing but the order is ever submitted.
 */
async function fillCart(
  client: AlStyleClient,
  lock: CartLock,
  input: CreateOrderInput,
  step: (name: OrderStep) => void,
  call: { signal?: AbortSignal },
): Promise<AlStyleCart | null> {
  const verify = input.verifyCart ?? true;
  const skipClear = verify && emptiedBySubmit.has(lock) && !clearAlways.has(lock);
  // Whatever happens from here, the cart is unknown until the next successful submit.
  emptiedBySubmit.delete(lock);
  const fill = async (clear: boolean): Promise<AlStyleCart | null> => {
    if (clear) {
      step('clear');
      await client.clearCart(call);
    }
    step('add');
    await client.addToCart(input.items, call);
    if (!verify) return null;
    step('verify');
    return client.getCart(call);
  };
  let cart = await fill(!skipClear);
  if (skipClear && cart !== null && cartProblems(cart, input.items).length > 0) {
    // Someone else used the cart, or submit does not empty it: never skip the clear again.
    clearAlways.add(lock);
    cart = await fill(true);
  }
  // Never submit a cart that is not exactly what was asked (e.g. multiplicity rounding).
  const problems = cart === null ? [] : cartProblems(cart, input.items);
  if (problems.length > 0) {
    throw new AlStyleOperationError(
      `The cart does not match the order; not submitted: ${problems.join('; ')}`,
      { body: cart },
    );
  }
  return cart;
}

function validate(input: CreateOrderInput): void {
  if (input.externalId.trim() === '') throw new TypeError('createOrder: `externalId` is required');
  if (input.items.length === 0) throw new TypeError('createOrder: `items` is empty');
  const seen = new Set<number>();
  for (const item of input.items) {
    if (!Number.isInteger(item.article) || item.article <= 0)
      throw new TypeError(`createOrder: invalid article ${item.article}`);
    if (!Number.isInteger(item.quantity) || item.quantity < 1)
      throw new TypeError(`createOrder: quantity of ${item.article} must be a positive integer`);
    if (seen.has(item.article))
      throw new TypeError(`createOrder: article ${item.article} appears twice`);
    seen.add(item.article);
  }
}

/** How the cart differs from the order's lines (empty when it matches exactly). */
function cartProblems(cart: AlStyleCart, items: CreateOrderInput['items']): string[] {
  const wanted = new Map(items.map((i) => [i.article, i.quantity]));
  const problems: string[] = [];
  for (const line of cart.items) {
    const quantity = wanted.get(line.article);
    if (quantity === undefined) problems.push(`unexpected article ${line.article}`);
    else if (quantity !== line.quantity)
      problems.push(`article ${line.article}: ${line.quantity} in cart, ${quantity} asked`);
    wanted.delete(line.article);
  }
  for (const article of wanted.keys()) problems.push(`article ${article} missing from the cart`);
  return problems;
}
