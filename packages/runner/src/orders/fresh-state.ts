import { existsSync, readdirSync } from 'node:fs';
import type { KaspiClient } from '@kaspi-connect/kaspi-client';
import type { StateStore } from '../state/state-store.js';
import type { Supplier, SupplierReservation } from '../supplier/supplier.js';
import { KASPI_UNDONE_STATUSES } from './after-acceptance.js';
import { orderRecordOf } from './order-lines.js';
import type { OrderRecord, OrderState } from './order-record.js';
import { assertTransition } from './transitions.js';

/** Set when a new state DB met a published feed: the order flow waits for `--fresh-state`. */
export const STATE_LOST_KEY = 'orders.stateLost';
/** When `--fresh-state` imported the supplier's orders. */
export const FRESH_STATE_AT_KEY = 'orders.freshStateAt';

/** The order flow refuses to run on a state that looks lost until the seller says so. */
export class StateLostError extends Error {
  override readonly name = 'StateLostError';
  constructor(readonly detail: string) {
    super(
      `the state database is new, but ${detail}: it was probably deleted, replaced or opened from another working directory. Orders already reserved could be reserved again, so the order flow does not run. Point state.path at the old database, or, if it is gone, run "kaspi-connect orders --once --fresh-state" to import the supplier's recent orders first`,
    );
  }
}

/**
 * Marks the state as lost when the database is empty while a published feed or its history
 * exists on disk. Call it on open, before anything is written. Returns the reason, if lost.
 */
export function detectStateLoss(
  store: StateStore,
  files: { readonly feedFile?: string | undefined; readonly historyDir?: string | undefined },
): string | undefined {
  const marked = store.getMeta(STATE_LOST_KEY);
  if (marked !== undefined) return marked;
  if (!store.isEmpty()) return undefined;
  const history =
    files.historyDir !== undefined && existsSync(files.historyDir)
      ? readdirSync(files.historyDir).length
      : 0;
  const feed = files.feedFile !== undefined && existsSync(files.feedFile);
  if (!feed && history === 0) return undefined;
  const reason = feed
    ? `a published feed exists at ${files.feedFile}`
    : `${history} feeds exist in ${files.historyDir}`;
  store.setMeta(STATE_LOST_KEY, reason);
  return reason;
}

/**
 * After a state loss, orders Kaspi created before the import may own a supplier order the import
 * could not attribute: such an order goes to a person instead of being reserved again.
 */
export function stateLossSuspect(store: StateStore, order: OrderRecord): string | undefined {
  const importedAt = store.getMeta(FRESH_STATE_AT_KEY);
  if (importedAt === undefined || order.supplier === undefined) return undefined;
  if (order.kaspiCreatedAt !== undefined && order.kaspiCreatedAt.getTime() > Date.parse(importedAt))
    return undefined;
  const orphans = store.supplierOrphans().filter((o) => o.supplier === order.supplier);
  if (orphans.length === 0) return undefined;
  return `the state was rebuilt with --fresh-state and supplier orders ${orphans
    .map((o) => o.supplierOrderId)
    .join(
      ', ',
    )} could not be attributed: check whether one of them is this order's before accepting it`;
}

/** What `importFreshState` did. */
export interface FreshStateImport {
  readonly imported: number;
  /** Supplier orders no Kaspi order provably owns (listed by `status` for a person). */
  readonly orphans: number;
}

/**
 * `--fresh-state`: the supplier's recent orders that carry a Kaspi code become the orders'
 * records again (state by Kaspi's current status), before anything else runs. The rest are
 * recorded as orphans for a person. Clears the state-loss marker.
 */
export async function importFreshState(
  deps: {
    readonly kaspi: KaspiClient;
    readonly suppliers: readonly Supplier[];
    readonly store: StateStore;
    readonly lookbackDays: number;
    readonly now?: (() => Date) | undefined;
  },
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<FreshStateImport> {
  const now = deps.now ?? (() => new Date());
  const call = options.signal === undefined ? {} : { signal: options.signal };
  const since = new Date(now().getTime() - deps.lookbackDays * 24 * 60 * 60_000);
  let imported = 0;
  let orphans = 0;
  for (const supplier of deps.suppliers) {
    if (supplier.recentReservations === undefined) continue;
    const recent = await supplier.recentReservations({ since, ...call });
    for (const reservation of recent) {
      if (reservation.cancelled) continue;
      if (deps.store.orderBySupplierOrder(supplier.id, reservation.supplierOrderId)) continue;
      const why = await importOne(deps, supplier, reservation, now(), call);
      if (why === undefined) imported++;
      else {
        deps.store.recordSupplierOrphan(supplier.id, reservation.supplierOrderId, why);
        orphans++;
      }
    }
  }
  deps.store.setMeta(FRESH_STATE_AT_KEY, now().toISOString());
  deps.store.setMeta(STATE_LOST_KEY, undefined);
  return { imported, orphans };
}

/** Imports one supplier order; returns why it could not be attributed, if so. */
async function importOne(
  deps: { readonly kaspi: KaspiClient; readonly store: StateStore },
  supplier: Supplier,
  reservation: SupplierReservation,
  now: Date,
  call: { signal?: AbortSignal },
): Promise<string | undefined> {
  const code = reservation.externalId;
  if (code === undefined) return 'the supplier order carries no Kaspi order code';
  if (deps.store.findOrder(code) !== undefined)
    return `Kaspi order ${code} already owns another supplier order`;
  const kaspiOrder = await deps.kaspi.getOrderByCode(code, call);
  if (kaspiOrder === undefined) return `Kaspi has no order ${code}`;
  const base = await orderRecordOf(deps.kaspi, deps.store, kaspiOrder, now, call);
  const state = importedState(kaspiOrder.status);
  const record: OrderRecord = {
    ...base,
    supplier: supplier.id,
    supplierOrderId: reservation.supplierOrderId,
    state,
    ...(state === 'attention'
      ? {
          attention: {
            reason: 'kaspi-unexpected-status',
            detail: `imported with --fresh-state: Kaspi shows ${kaspiOrder.status ?? 'no status'} and supplier order ${reservation.supplierOrderId} is live`,
          },
        }
      : {}),
    ...(state === 'compensating' ? { note: `Kaspi status ${kaspiOrder.status}` } : {}),
  };
  assertTransition(code, 'start', state);
  deps.store.transitionOrder(record, 'start', {
    step: 'reconcile',
    phase: 'done',
    detail: `imported with --fresh-state: supplier order ${reservation.supplierOrderId}, Kaspi ${kaspiOrder.status ?? 'no status'}`,
  });
  return undefined;
}

function importedState(status: string | undefined): OrderState {
  if (status === 'APPROVED_BY_BANK') return 'reserved';
  if (status === 'ACCEPTED_BY_MERCHANT') return 'accepted';
  if (status === 'COMPLETED') return 'completed';
  if (status !== undefined && KASPI_UNDONE_STATUSES.includes(status)) return 'compensating';
  return 'attention';
}
