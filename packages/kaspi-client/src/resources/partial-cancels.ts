import { assertId } from '../assert.js';
import type { KaspiCallOptions, KaspiContext } from '../context.js';
import { ENDPOINTS } from '../endpoints.js';
import type {
  KaspiCancellationReason,
  KaspiEntryCancelStatus,
  KaspiPartialCancelStatus,
} from '../enums.js';

/** Input of {@link KaspiPartialCancelsApi.cancelOrderEntry}. */
export interface CancelOrderEntryInput {
  /** Quantity left after the cancel; 0 removes the line. */
  readonly remainedQuantity: number;
  readonly reason: KaspiCancellationReason;
  readonly notes?: string | undefined;
}

/** Outcome of a single-entry cancel. */
export interface KaspiEntryCancelResult {
  readonly id: string | undefined;
  readonly status: KaspiEntryCancelStatus;
  readonly remainedQuantity: number | undefined;
  readonly remainedWeight: number | undefined;
}

/** One line of {@link KaspiPartialCancelsApi.partialCancelOrder}. */
export interface PartialCancelItem {
  readonly entryId: string;
  readonly remainedQuantity?: number | undefined;
  /** Grams; 0 removes the line. */
  readonly remainedWeight?: number | undefined;
  readonly reason: KaspiCancellationReason;
  readonly notes?: string | undefined;
}

/** Outcome of a multi-entry partial cancel. */
export interface KaspiPartialCancelResult {
  readonly status: KaspiPartialCancelStatus;
  readonly entries: ReadonlyArray<{
    readonly id: string | undefined;
    readonly entryId: string | undefined;
    readonly remainedQuantity: number | undefined;
    readonly remainedWeight: number | undefined;
  }>;
}

/** Cancelling part of an order. Neither call is ever resent. */
export interface KaspiPartialCancelsApi {
  /** Partial cancel of one entry (`POST /v2/orderEntryCancelOperation`). Not retried. */
  cancelOrderEntry(
    entryId: string,
    input: CancelOrderEntryInput,
    call?: KaspiCallOptions,
  ): Promise<KaspiEntryCancelResult>;
  /** Partial cancel of several entries or by weight (`PUT /orderPartialCancel/{id}`). Not retried. */
  partialCancelOrder(
    orderId: string,
    items: readonly PartialCancelItem[],
    call?: KaspiCallOptions,
  ): Promise<KaspiPartialCancelResult>;
}

function partialCancelLine(item: PartialCancelItem, i: number) {
  assertId(item.entryId, `items[${i}].entryId`);
  assertId(item.reason, `items[${i}].reason`);
  for (const key of ['remainedQuantity', 'remainedWeight'] as const) {
    const value = item[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      throw new RangeError(`partialCancelOrder: items[${i}].${key} must be ≥ 0`);
  }
  return {
    entry: { id: item.entryId },
    reason: item.reason,
    ...(item.remainedQuantity === undefined ? {} : { remainedQuantity: item.remainedQuantity }),
    ...(item.remainedWeight === undefined ? {} : { remainedWeight: item.remainedWeight }),
    ...(item.notes === undefined ? {} : { notes: item.notes }),
  };
}

/** The partial-cancel resource bound to a client. */
export function partialCancelsResource(ctx: KaspiContext): KaspiPartialCancelsApi {
  const { t } = ctx;
  return {
    async cancelOrderEntry(entryId, input, o = {}) {
      assertId(entryId, 'entryId');
      if (!Number.isInteger(input.remainedQuantity) || input.remainedQuantity < 0)
        throw new RangeError('cancelOrderEntry: remainedQuantity must be an integer ≥ 0');
      assertId(input.reason, 'reason');
      const { remainedQuantity, reason, notes } = input;
      const attributes = { remainedQuantity, reason, ...(notes === undefined ? {} : { notes }) };
      const entry = { data: { type: 'orderentries', id: entryId } } as const;
      const type = 'orderEntryCancelOperation';
      const body = { data: { type, attributes, relationships: { entry } } } as const;
      const { data } = await t.send(ENDPOINTS.cancelOrderEntry, { body }, o);
      const { status, remainedQuantity: left, remainedWeight } = data.attributes;
      return { id: data.id, status, remainedQuantity: left, remainedWeight };
    },
    async partialCancelOrder(orderId, items, o = {}) {
      assertId(orderId, 'orderId');
      if (items.length === 0) throw new RangeError('partialCancelOrder: items must not be empty');
      const init = { params: { path: { orderId } }, body: items.map(partialCancelLine) };
      const doc = await t.send(ENDPOINTS.partialCancelOrder, init, o);
      const entries = (doc.orderCancelEntries ?? []).map((e) => ({
        id: e.id,
        entryId: e.entry?.id,
        remainedQuantity: e.remainedQuantity,
        remainedWeight: e.remainedWeight,
      }));
      return { status: doc.status, entries };
    },
  };
}
