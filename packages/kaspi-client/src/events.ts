import type { EventHandler, HttpEvent } from '@kaspi-connect/http-kit';

/**
 * Events the client reports to `onEvent`: the kit's HTTP events (URLs redacted, bodies never
 * included) plus the order walk and status-change verification.
 */
export type KaspiClientEvent =
  | HttpEvent
  | {
      readonly type: 'orders.window';
      readonly from: Date;
      readonly to: Date;
      readonly state: string | undefined;
    }
  | {
      readonly type: 'orders.page';
      readonly pageNumber: number;
      readonly pageCount: number;
      readonly orders: number;
    }
  | {
      readonly type: 'status.verify';
      readonly orderId: string;
      readonly target: string;
      readonly outcome: 'done' | 'not-done' | 'conflict' | 'unverifiable';
      readonly currentStatus: string | undefined;
    };

/** Receives client events; the default discards them. A handler that throws is ignored. */
export type KaspiEventHandler = EventHandler<KaspiClientEvent>;
