import { setTimeout as sleep } from 'node:timers/promises';
import { type KaspiClient, type KaspiOrder, ORDER_STATES } from '@kaspi-connect/kaspi-client';
import type { SeenOrders } from './seen-orders.js';

/** What the webhook receives for each new order (JSON). Only what fulfilment needs. */
export interface OrderWebhookPayload {
  readonly code: string;
  readonly id: string;
  readonly status: string | undefined;
  readonly state: string | undefined;
  readonly totalPrice: number | undefined;
  /** ISO 8601. */
  readonly creationDate: string | undefined;
  readonly deliveryMode: string | undefined;
  readonly isKaspiDelivery: boolean;
  readonly pickupPointId: string | undefined;
  readonly preOrder: boolean | undefined;
  readonly entries: readonly {
    /** Your SKU from the price list (`offer.code`), not Kaspi's product code. */
    readonly sku: string | undefined;
    readonly name: string | undefined;
    readonly quantity: number;
    readonly basePrice: number | undefined;
    readonly totalPrice: number | undefined;
  }[];
}

/** Options of {@link createOrderForwarder}. */
export interface OrderForwarderOptions {
  readonly kaspi: KaspiClient;
  /** Where each new order is POSTed. */
  readonly webhookUrl: string;
  readonly seen: SeenOrders;
  /** Extra headers, e.g. a shared secret for the receiver. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * How far back each poll looks. Polls overlap on purpose so that nothing created between two
   * polls (or while the forwarder was down) falls through; `seen` removes the repeats. Default 24 h.
   */
  readonly lookbackMs?: number;
  /** Timeout of one POST. Default 10 s. */
  readonly postTimeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
}

/** Outcome of one poll. */
export interface PollResult {
  /** Codes the receiver accepted (2xx) in this poll. */
  readonly forwarded: readonly string[];
  /** Codes whose POST failed; they are tried again on the next poll. */
  readonly failed: readonly { readonly code: string; readonly error: string }[];
  /** New orders already delivered earlier. */
  readonly alreadySeen: number;
}

/** Polls Kaspi for paid orders waiting for the seller and POSTs each new one to a webhook. */
export interface OrderForwarder {
  pollOnce(signal?: AbortSignal): Promise<PollResult>;
  /** Polls every `everyMs` until `signal` aborts; a failed poll is reported and retried. */
  run(options: {
    readonly everyMs: number;
    readonly signal: AbortSignal;
    readonly onPoll?: (result: PollResult | Error) => void;
  }): Promise<void>;
}

/**
 * Kaspi has no webhooks, so new orders are found by polling `GET /v2/orders` for status
 * `APPROVED_BY_BANK` (paid, waiting for the seller), one pass per state as the reference advises.
 * Delivery is at least once (an order is marked seen only after a 2xx), and every POST carries an
 * `Idempotency-Key` so a receiver can drop the rare repeat after a crash between the two.
 */
export function createOrderForwarder(options: OrderForwarderOptions): OrderForwarder {
  const lookbackMs = options.lookbackMs ?? 24 * 3600 * 1000;
  const postTimeoutMs = options.postTimeoutMs ?? 10_000;
  const now = options.now ?? (() => new Date());

  async function deliver(order: KaspiOrder, signal: AbortSignal | undefined): Promise<void> {
    const entries =
      order.entries ?? (await options.kaspi.getOrderEntries(order, signal ? { signal } : {}));
    const payload: OrderWebhookPayload = {
      code: order.code,
      id: order.id,
      status: order.status,
      state: order.state,
      totalPrice: order.totalPrice,
      creationDate: order.creationDate?.toISOString(),
      deliveryMode: order.deliveryMode,
      isKaspiDelivery: order.isKaspiDelivery,
      pickupPointId: order.pickupPointId,
      preOrder: order.preOrder,
      entries: entries.map((entry) => ({
        sku: entry.offer?.code,
        name: entry.offer?.name,
        quantity: entry.quantity,
        basePrice: entry.basePrice,
        totalPrice: entry.totalPrice,
      })),
    };
    const timeout = AbortSignal.timeout(postTimeoutMs);
    const response = await (options.fetch ?? globalThis.fetch)(options.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `kaspi-order-${order.code}`,
        ...options.headers,
      },
      body: JSON.stringify(payload),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }

  async function pollOnce(signal?: AbortSignal): Promise<PollResult> {
    const to = now();
    const from = new Date(to.getTime() - lookbackMs);
    const forwarded: string[] = [];
    const failed: { code: string; error: string }[] = [];
    let alreadySeen = 0;
    const orders = options.kaspi.iterateOrders({
      from,
      to,
      state: ORDER_STATES,
      status: 'APPROVED_BY_BANK',
      include: 'entries',
      ...(signal ? { signal } : {}),
    });
    for await (const order of orders) {
      if (options.seen.has(order.code)) {
        alreadySeen += 1;
        continue;
      }
      try {
        await deliver(order, signal);
        await options.seen.add(order.code);
        forwarded.push(order.code);
      } catch (error) {
        if (signal?.aborted) throw error;
        failed.push({ code: order.code, error: (error as Error).message });
      }
    }
    return { forwarded, failed, alreadySeen };
  }

  async function run({
    everyMs,
    signal,
    onPoll,
  }: Parameters<OrderForwarder['run']>[0]): Promise<void> {
    while (!signal.aborted) {
      try {
        onPoll?.(await pollOnce(signal));
      } catch (error) {
        if (signal.aborted) return;
        onPoll?.(error as Error);
      }
      await sleep(everyMs, undefined, { signal }).catch(() => undefined);
    }
  }

  return { pollOnce, run };
}
