/** Events the client reports to `logger`. URLs are redacted; bodies are never logged. */
export type KaspiClientEvent =
  | { readonly type: 'http.request'; readonly method: string; readonly url: string }
  | {
      readonly type: 'http.response';
      readonly method: string;
      readonly url: string;
      readonly status: number;
      readonly durationMs: number;
    }
  | {
      readonly type: 'http.retry';
      readonly method: string;
      readonly url: string;
      readonly attempt: number;
      readonly retriesLeft: number;
      readonly error: string;
      readonly status: number | undefined;
    }
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

/** Receives client events; the default discards them. Must not throw. */
export type KaspiLogger = (event: KaspiClientEvent) => void;
