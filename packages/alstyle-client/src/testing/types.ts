import type { SimRequestRecord, SimServer, SimulatedLatencies } from '@kaspi-connect/sim-kit';
import type { components } from '../generated/alstyle-api.generated.js';
import type { CatalogueOptions, SimulatedCatalogue } from './catalogue.js';
import type { AlStyleFault, AlStyleQuirk } from './faults.js';

/** Options of `startAlStyleSimulator`. */
export interface AlStyleSimulatorOptions extends Omit<CatalogueOptions, 'size'> {
  /** Number of products. Default 1000. */
  readonly catalogueSize?: number;
  /** The only token the simulator accepts. Default `"simulator-token"`. */
  readonly token?: string;
  /** Minimum spacing between accepted requests, in ms (403 when faster). Default 5000; 0 disables. */
  readonly rateLimitMs?: number;
  /** Status for an invalid token (the real one is undocumented). Default 401. */
  readonly invalidTokenStatus?: 401 | 403;
  /** Faults to inject from the start. */
  readonly faults?: readonly AlStyleFault[];
  /** Port on 127.0.0.1. Default 0 (a free port). */
  readonly port?: number;
  /**
   * Delay per endpoint path (`*` for every other one), drawn from `seed`, e.g.
   * `{ '/api/elements-pagination': { minMs: 150, maxMs: 800 } }`. Default none.
   */
  readonly latency?: SimulatedLatencies;
  /**
   * `/api/order` also returns `external_id` and `comments` (the doc's example has neither, so the
   * default is false). Lets tests cover a supplier that proves a reservation's identity.
   */
  readonly orderDetailsCarryExternalId?: boolean;
  /** Submitted orders take their quantities from stock, as a real warehouse does. Default false. */
  readonly decrementStockOnOrder?: boolean;
  /** Statuses in which `cart-api/cancel` refuses (the real rule is unknown). Default shipped ones. */
  readonly uncancellableStatuses?: readonly string[];
}

/** One request as the simulator saw it (the simulator kit's record); the token is `***`. */
export type SimulatorRequest = SimRequestRecord;

/** An order the simulator holds. */
export interface SimulatedOrder {
  readonly id: number;
  readonly externalId: string | null;
  readonly comments: string | null;
  readonly shippingDate: string;
  readonly attorney: unknown;
  readonly delivery: unknown;
  readonly createdAt: string;
  status: string | null;
  /** What `/api/order` answers as its `cart`. */
  readonly lines: Readonly<components['schemas']['OrderDetail']['cart']>;
  readonly files: string[];
}

/** A line of the simulator's shared cart. */
export interface SimulatedCartLine {
  readonly itemId: number;
  readonly article: number;
  quantity: number;
}

/** A running simulator. */
export interface AlStyleSimulator extends SimServer<AlStyleQuirk> {
  /** The accepted token. */
  readonly token: string;
  /** The generated catalogue (mutable: tests may change stock or prices). */
  readonly catalogue: SimulatedCatalogue;
  /** Orders created through `cart-api/submit`. */
  readonly orders: readonly SimulatedOrder[];
  /** The shared cart. */
  readonly cart: readonly SimulatedCartLine[];
  /**
   * The supplier acts on the next `times` requests to `path` (e.g. `/cart-api/submit`), then cuts
   * the connection before answering: a lost reply after the supplier acted.
   */
  loseRepliesAfterActing(path: string, times?: number): void;
  /** Supplier side: moves an order to a status (e.g. `"F"` shipped), as the warehouse does. */
  setOrderStatus(id: number, status: string | null): void;
}
