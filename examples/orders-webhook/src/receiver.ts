import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';

/** What the receiver accepts: the forwarder's payload, checked like any bytes from outside. */
export const OrderWebhookSchema = v.object({
  code: v.pipe(v.string(), v.nonEmpty()),
  id: v.pipe(v.string(), v.nonEmpty()),
  status: v.optional(v.string()),
  totalPrice: v.optional(v.number()),
  entries: v.pipe(
    v.array(
      v.object({
        sku: v.optional(v.string()),
        quantity: v.pipe(v.number(), v.integer(), v.minValue(1)),
        totalPrice: v.optional(v.number()),
      }),
    ),
    v.minLength(1),
  ),
});

/** An order the receiver took. */
export type ReceivedOrder = v.InferOutput<typeof OrderWebhookSchema>;

/** A local webhook receiver, as your order system would run it. */
export interface WebhookReceiver {
  readonly url: string;
  /** Orders accepted (2xx), in arrival order, one per idempotency key. */
  readonly accepted: readonly ReceivedOrder[];
  /** Every request, including refused and repeated ones. */
  readonly attempts: readonly { readonly key: string | undefined; readonly status: number }[];
  /** Answer 500 to the next delivery of this order code (a receiver outage). */
  failNext(code: string): void;
  close(): Promise<void>;
}

/**
 * Accepts `POST /orders` with a JSON order; drops a repeat of an idempotency key it already
 * accepted (answering 200, so the sender stops), and refuses malformed bodies with 400.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const accepted: ReceivedOrder[] = [];
  const attempts: { key: string | undefined; status: number }[] = [];
  const keys = new Set<string>();
  const failing = new Set<string>();
  const server: Server = createServer(async (request, response) => {
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : undefined;
    const reply = (status: number) => {
      attempts.push({ key: idempotencyKey, status });
      response.writeHead(status).end();
    };
    if (request.method !== 'POST' || request.url !== '/orders') return reply(404);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return reply(400);
    }
    const parsed = v.safeParse(OrderWebhookSchema, body);
    if (!parsed.success) return reply(400);
    if (failing.delete(parsed.output.code)) return reply(500);
    if (idempotencyKey !== undefined && keys.has(idempotencyKey)) return reply(200);
    if (idempotencyKey !== undefined) keys.add(idempotencyKey);
    accepted.push(parsed.output);
    return reply(200);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/orders`,
    accepted,
    attempts,
    failNext: (code) => failing.add(code),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
