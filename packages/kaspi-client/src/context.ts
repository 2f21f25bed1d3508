import type { CallOptions } from '@kaspi-connect/http-kit';
import type { KaspiDateEncoding } from './dates.js';
import type { Transport } from './transport.js';

/** What every resource module works with: the transport and the client's settings. */
export interface KaspiContext {
  readonly t: Transport;
  /** API root without a trailing slash; links are resolved against it. */
  readonly baseUrl: string;
  readonly dateEncoding: KaspiDateEncoding;
}

/** Per-call options: `{ signal, timeoutMs }`, the kit's vocabulary. */
export type KaspiCallOptions = CallOptions;
