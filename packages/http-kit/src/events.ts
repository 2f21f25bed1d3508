import type { RedactedRequest } from './redact.js';

/**
 * What the transport reports through `onEvent`, the same for every client. URLs are redacted;
 * bodies are never included. Clients add their own events to this union.
 */
export type HttpEvent = Pick<RedactedRequest, 'method' | 'url' | 'endpoint'> &
  (
    | {
        readonly type: 'http.request';
        /** 1 for the first attempt of a call, counting every resend. */
        readonly attempt: number;
      }
    | {
        readonly type: 'http.response';
        readonly status: number;
        /** From the start of the attempt to the end of the body. */
        readonly durationMs: number;
      }
    | {
        readonly type: 'http.retry';
        /** The attempt that failed (1-based). */
        readonly attempt: number;
        readonly retriesLeft: number;
        /** The failed attempt's error message (redacted). */
        readonly reason: string;
        /** Its HTTP status, when a response arrived. */
        readonly status: number | undefined;
      }
    | {
        readonly type: 'rate-limit.hit';
        readonly status: number;
        /** How long the transport waits before resending. */
        readonly waitMs: number;
      }
  );

/** Receives events; must not throw (a throwing handler is ignored). Silent when not given. */
export type EventHandler<E> = (event: E) => void;

/** Wraps a handler so that one that throws never breaks a request. */
export function safeHandler<E>(handler: EventHandler<E> | undefined): EventHandler<E> | undefined {
  if (handler === undefined) return undefined;
  return (event) => {
    try {
      handler(event);
    } catch {
      /* a logging failure must not fail the call */
    }
  };
}
