import type { HttpEvent } from '@kaspi-connect/http-kit';
import type { AlStyleSchemaError } from './errors.js';

/** Events the client reports through the `onEvent` option: the kit's HTTP events and its own. URLs are always redacted. */
export type AlStyleEvent =
  | HttpEvent
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
