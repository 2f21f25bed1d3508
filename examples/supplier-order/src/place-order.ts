import {
  type AlStyleClient,
  type AlStyleDateInput,
  AlStyleOperationError,
  AlStyleOutcomeUnknownError,
  AlStyleRateLimitError,
} from '@kaspi-connect/alstyle-client';

/** One article to order. */
export interface OrderLine {
  readonly article: number;
  readonly quantity: number;
}

/** What happened; only `placed` means Al-Style has the order. */
export type PlaceOrderOutcome =
  | { readonly kind: 'placed'; readonly orderId: number }
  /** Stock or price check failed before anything was put into the cart. */
  | { readonly kind: 'not-available'; readonly problems: readonly string[] }
  /** Al-Style said no (e.g. no valid power of attorney, cart did not match). Safe to fix and retry. */
  | { readonly kind: 'refused'; readonly reason: string }
  /**
   * The submit may or may not have created an order (timeout, dropped connection, 5xx). Never
   * retry automatically: ordering twice is worse than asking a person to check the order list.
   */
  | { readonly kind: 'outcome-unknown'; readonly reason: string };

/** Input of {@link placeOrder}. */
export interface PlaceOrderInput {
  readonly lines: readonly OrderLine[];
  /** Your own order id, e.g. the Kaspi order code: sent as `external_id` and as the comment. */
  readonly externalId: string;
  /** Date: `Date` (Almaty time), `YYYY-MM-DD` or `DD.MM.YYYY`. */
  readonly shippingDate: AlStyleDateInput;
  readonly signal?: AbortSignal;
}

/**
 * Checks live stock and price for the articles (one request), then places the order through the
 * client's cart flow (user-data → clear → add → verify → submit under the token's cart lock).
 */
export async function placeOrder(
  client: AlStyleClient,
  input: PlaceOrderInput,
): Promise<PlaceOrderOutcome> {
  const call = input.signal ? { signal: input.signal } : {};
  const stock = await client.getStockAndPrices({
    articles: input.lines.map((line) => line.article),
    ...call,
  });
  const problems: string[] = [];
  for (const line of input.lines) {
    const item = stock.get(line.article);
    if (item === undefined) problems.push(`${line.article}: unknown article`);
    else if (item.priceOnRequest || item.placeholderPrice || item.dealerPrice === null)
      problems.push(`${line.article}: no price (on request or withdrawn)`);
    else if (item.quantity.min < line.quantity)
      problems.push(`${line.article}: ${line.quantity} wanted, ${item.quantity.raw} in stock`);
  }
  if (problems.length > 0) return { kind: 'not-available', problems };

  try {
    const { orderId } = await client.createOrder(
      { items: input.lines, externalId: input.externalId, shippingDate: input.shippingDate },
      call,
    );
    return { kind: 'placed', orderId };
  } catch (error) {
    // Order matters: the outcome-unknown case must never be mistaken for a plain refusal.
    if (error instanceof AlStyleOutcomeUnknownError) {
      return { kind: 'outcome-unknown', reason: error.message };
    }
    if (error instanceof AlStyleOperationError) return { kind: 'refused', reason: error.message };
    // A 403 "too fast" means Al-Style refused before acting: nothing was ordered, retry later.
    if (error instanceof AlStyleRateLimitError) return { kind: 'refused', reason: error.message };
    throw error;
  }
}
