import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake received. */
export interface Received {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** What the fake answers next: a status (with an optional body) or a hold of N ms first. */
export type Fault = { status: number; body?: object; retryAfterS?: number } | { holdMs: number };

/** A fake on 127.0.0.1: records every request and answers from a fault queue, else 200. */
export interface FakeServer {
  readonly url: string;
  readonly received: Received[];
  readonly faults: Fault[];
  close(): Promise<void>;
}

async function startFake(
  ok: (path: string) => { status: number; body: object },
): Promise<FakeServer> {
  const received: Received[] = [];
  const faults: Fault[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const fault = faults.shift();
      const answer = (status: number, body: object, retryAfterS?: number) => {
        response.writeHead(status, {
          'Content-Type': 'application/json',
          ...(retryAfterS === undefined ? {} : { 'Retry-After': String(retryAfterS) }),
        });
        response.end(JSON.stringify(body));
      };
      if (fault === undefined) {
        const { status, body } = ok(path);
        answer(status, body);
      } else if ('holdMs' in fault) {
        setTimeout(() => answer(200, ok(path).body), fault.holdMs);
      } else
        answer(fault.status, fault.body ?? { ok: false, description: 'fault' }, fault.retryAfterS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A fake Telegram Bot API: `POST /bot<token>/sendMessage` only; a wrong token gets 401. */
export function startFakeTelegram(token: string): Promise<FakeServer> {
  return startFake((path) =>
    path === `/bot${token}/sendMessage`
      ? { status: 200, body: { ok: true, result: { message_id: 1 } } }
      : { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } },
  );
}

/** A webhook receiver that accepts every POST with 204-like `{}`. */
export function startWebhookReceiver(): Promise<FakeServer> {
  return startFake(() => ({ status: 200, body: {} }));
}
