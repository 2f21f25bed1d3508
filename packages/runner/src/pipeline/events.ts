import type { SkippedProduct } from '../mapping/map-offers.js';
import type { PriceHoldRecord } from '../state/state-store.js';
import type { KeyConflict } from '../supplier/merge.js';
import type { RunSummary, SyncMode } from './run-summary.js';

/** Typed events of a sync, for logs and progress bars. The pipeline is silent without a hook. */
export type SyncEvent =
  | { readonly type: 'sync.start'; readonly mode: SyncMode; readonly runId: number }
  | {
      readonly type: 'sync.progress';
      readonly supplier: string;
      readonly received: number;
      readonly total?: number | undefined;
    }
  | { readonly type: 'sync.fetched'; readonly supplier: string; readonly products: number }
  | { readonly type: 'sync.skipped'; readonly samples: readonly SkippedProduct[] }
  | { readonly type: 'sync.conflicts'; readonly conflicts: readonly KeyConflict[] }
  | { readonly type: 'sync.refused'; readonly summary: RunSummary }
  | { readonly type: 'sync.published'; readonly summary: RunSummary }
  | { readonly type: 'sync.unchanged'; readonly summary: RunSummary }
  | { readonly type: 'sync.dry-run'; readonly summary: RunSummary }
  | { readonly type: 'sync.failed'; readonly summary: RunSummary; readonly error: unknown }
  | { readonly type: 'sync.price-holds'; readonly holds: readonly PriceHoldRecord[] }
  | {
      readonly type: 'sync.live-file';
      /** The live file on disk is not the one last published: it is written again. */
      readonly state: 'missing' | 'altered';
      readonly path: string;
    };

/** Receives every `SyncEvent`; must not throw. */
export type SyncEventHandler = (event: SyncEvent) => void;
