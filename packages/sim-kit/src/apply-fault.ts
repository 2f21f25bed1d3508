import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { FaultKind } from './faults.js';
import { delay } from './latency.js';
import { htmlPage, reply } from './reply.js';

/** The socket behind one request, for the faults that give no answer. */
export interface Connection {
  readonly incoming: IncomingMessage;
  readonly outgoing: ServerResponse;
}

/** How a simulator words the error of an injected `status` fault without a `body`. */
export type StatusFaultReply = (
  status: number,
  headers: Readonly<Record<string, string>>,
) => Response;

/** The kit's default: a JSON error naming the injected status. */
export const defaultStatusReply: StatusFaultReply = (status, headers) =>
  reply(status, { error: `[simulator] injected ${status}` }, undefined, headers);

/** An answer, or none: `dropped` and `hanging` mean the client gets no response at all. */
export type Outcome = Response | 'dropped' | 'hanging';

/** Destroys the connection: the client sees a reset, no status. */
export function drop(connection: Connection): 'dropped' {
  connection.incoming.socket.destroy();
  return 'dropped';
}

/** Waits until a hanging request's connection is gone, then tells the adapter nothing is sent. */
export function settle(outcome: Outcome, connection: Connection): Response | Promise<Response> {
  if (outcome === 'dropped') return RESPONSE_ALREADY_SENT;
  if (outcome === 'hanging') {
    return new Promise((resolve) => {
      if (connection.outgoing.destroyed) resolve(RESPONSE_ALREADY_SENT);
      connection.outgoing.once('close', () => resolve(RESPONSE_ALREADY_SENT));
    });
  }
  return outcome;
}

/**
 * The answer a transport fault gives. `handled` is the handler's response for faults applied
 * after handling (and for `malformed`, which always cuts the handler's body).
 */
export async function faultOutcome(
  fault: FaultKind,
  connection: Connection,
  statusReply: StatusFaultReply,
  handled: Response | undefined,
): Promise<Outcome> {
  switch (fault.kind) {
    case 'timeout':
      return 'hanging';
    case 'drop':
      return drop(connection);
    case 'html':
      return htmlPage(fault.status ?? 502);
    case 'slow':
      await delay(fault.delayMs);
      return handled ?? drop(connection);
    case 'malformed': {
      const text = handled === undefined ? '{"' : await handled.text();
      const type = handled?.headers.get('content-type') ?? 'application/json; charset=utf-8';
      return reply(200, text.slice(0, Math.max(1, Math.floor(text.length / 2))), type);
    }
    default: {
      const status = fault.status ?? 503;
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined
          ? {}
          : { 'retry-after': String(fault.retryAfterSeconds) };
      if (fault.body === undefined) return statusReply(status, headers);
      return reply(status, fault.body, fault.contentType ?? 'text/plain; charset=utf-8', headers);
    }
  }
}
