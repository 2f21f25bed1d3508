import type { AlStyleSchemaError } from './errors.js';

/** Events the client reports through the `logger` option. URLs are always redacted. */
export type AlStyleEvent =
  | {
      readonly type: 'http.request';
      readonly method: string;
      readonly url: string;
      readonly endpoint: string;
      readonly attempt: number;
    }
  | {
      readonly type: 'http.response';
      readonly method: string;
      readonly url: string;
      readonly endpoint: string;
      readonly status: number;
      readonly durationMs: number;
    }
  | {
      readonly type: 'http.retry';
      readonly endpoint: string;
      readonly attempt: number;
      readonly reason: string;
      readonly retriesLeft: number;
      readonly delayMs?: number;
    }
  | {
      readonly type: 'rate-limit.hit';
      readonly endpoint: string;
      readonly status: number;
      readonly waitMs: number;
    }
  | {
      readonly type: 'data.invalid';
      readonly endpoint: string;
      readonly article: number | undefined;
      readonly error: AlStyleSchemaError;
    }
  | { readonly type: 'order.step'; readonly step: OrderStep; readonly externalId: string };

/** Steps of `createOrder`, in order. */
export type OrderStep = 'lock' | 'user-data' | 'clear' | 'add' | 'verify' | 'submit' | 'done';

/** Receives every event; must not throw. Silent when not given. */
export type AlStyleLogger = (event: AlStyleEvent) => void;
