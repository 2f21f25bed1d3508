import { setTimeout as sleep } from 'node:timers/promises';
import { type KaspiClient, KaspiError, type KaspiImportResult } from '@kaspi-connect/kaspi-client';
import type { CardImportRecord, CardStore, CardVerdict } from './card-store.js';
import type { CardEventHandler } from './events.js';

/** What sending and tracking imports needs. */
export interface ImportDependencies {
  readonly kaspi: KaspiClient;
  readonly store: CardStore;
  /** Cards per import (1 to 10 000). */
  readonly batchSize: number;
  /** Between status checks of one import. */
  readonly pollEveryMs: number;
  /** Give up waiting after this long (the import stays open for the next run). */
  readonly maxWaitMs: number;
  readonly onEvent?: CardEventHandler | undefined;
  /** Clock for the wait budget (tests). */
  readonly now?: (() => number) | undefined;
}

/** Statuses that prove Kaspi refused the upload without creating anything. */
const REFUSED = new Set([400, 401, 403, 404, 409, 413, 415, 422, 429]);

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends every `ready` card in batches. Each batch is recorded (`sending`) before its upload and
 * `submitted` with Kaspi's code after, so a card is never in two open imports. A refused upload
 * returns its cards to `ready`; a lost answer leaves them `sending` for a person and stops.
 */
export async function sendReadyCards(
  deps: ImportDependencies,
  options: {
    readonly signal?: AbortSignal | undefined;
    /** Only these SKUs (the run's choice); every `ready` card when omitted. */
    readonly only?: ReadonlySet<string> | undefined;
  } = {},
): Promise<{ readonly imports: readonly CardImportRecord[]; readonly error: string | undefined }> {
  const ready = deps.store
    .list(['ready'])
    .filter((c) => c.card !== undefined && (options.only === undefined || options.only.has(c.sku)));
  const started: CardImportRecord[] = [];
  for (let i = 0; i < ready.length; i += deps.batchSize) {
    options.signal?.throwIfAborted();
    const batch = ready.slice(i, i + deps.batchSize);
    const record = deps.store.beginImport(batch.map((c) => c.sku));
    deps.onEvent?.({ type: 'cards.import.started', id: record.id, skus: batch.length });
    try {
      const upload = await deps.kaspi.importProducts(
        batch.flatMap((c) => (c.card === undefined ? [] : [c.card])),
        options.signal === undefined ? {} : { signal: options.signal },
      );
      deps.store.importUploaded(record.id, upload.code);
      deps.onEvent?.({ type: 'cards.import.uploaded', id: record.id, code: upload.code });
      started.push(deps.store.getImport(record.id) ?? record);
    } catch (error) {
      const refused =
        error instanceof TypeError ||
        (KaspiError.isInstance(error) && error.status !== undefined && REFUSED.has(error.status));
      if (refused) {
        deps.store.importRefused(record.id, message(error));
        deps.onEvent?.({ type: 'cards.import.refused', id: record.id, error: message(error) });
      } else {
        deps.store.importUnknown(record.id, message(error));
        deps.onEvent?.({ type: 'cards.import.unknown', id: record.id, error: message(error) });
      }
      return { imports: started, error: message(error) };
    }
  }
  return { imports: started, error: undefined };
}

function reasonsOf(line: { state?: string | undefined; errors?: unknown } | undefined): string[] {
  if (line === undefined) return ["Kaspi's import result does not mention this SKU"];
  const errors = line.errors;
  const list = Array.isArray(errors) ? errors : errors === undefined ? [] : [errors];
  const texts = list.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
  return texts.length > 0 ? texts : [`Kaspi reported state ${line.state ?? '(none)'}`];
}

/** Per-SKU verdicts from Kaspi's import result. */
export function verdictsOf(result: KaspiImportResult): Map<string, CardVerdict> {
  const out = new Map<string, CardVerdict>();
  for (const [sku, line] of Object.entries(result.result ?? {})) {
    const finished = line.state === 'FINISHED';
    out.set(sku, { finished, reasons: finished ? [] : reasonsOf(line) });
  }
  return out;
}

/**
 * Polls every open import (uploaded, not yet finished) until Kaspi says `FINISHED` or the wait
 * budget runs out, then records its per-SKU result. Safe to run again at any time: that is how a
 * run after a crash picks up where the last one stopped.
 */
export async function trackOpenImports(
  deps: ImportDependencies,
  options: { readonly signal?: AbortSignal | undefined; readonly wait?: boolean | undefined } = {},
): Promise<{ readonly finished: number; readonly open: number }> {
  const now = deps.now ?? Date.now;
  const deadline = now() + (options.wait === false ? 0 : deps.maxWaitMs);
  const call = options.signal === undefined ? {} : { signal: options.signal };
  let finished = 0;
  let open = 0;
  for (const record of deps.store.imports(['uploaded'])) {
    const code = record.code as string;
    for (;;) {
      const status = await deps.kaspi.getImportStatus(code, call);
      if (status.status === 'FINISHED') {
        const verdicts = verdictsOf(await deps.kaspi.getImportResult(code, call));
        deps.store.finishImport(record.id, verdicts);
        const ok = record.skus.filter((s) => verdicts.get(s)?.finished === true).length;
        deps.onEvent?.({
          type: 'cards.import.finished',
          id: record.id,
          code,
          finished: ok,
          rejected: record.skus.length - ok,
        });
        finished += 1;
        break;
      }
      if (now() + deps.pollEveryMs > deadline) {
        deps.onEvent?.({ type: 'cards.import.waiting', id: record.id, code });
        open += 1;
        break;
      }
      await sleep(deps.pollEveryMs, undefined, call);
    }
  }
  return { finished, open };
}
