import { resolve } from 'node:path';
import type { AlStyleEvent } from '@kaspi-connect/alstyle-client';
import type { KaspiClient } from '@kaspi-connect/kaspi-client';
import { AlStyleCardSource, type CardSource } from '../cards/card-source.js';
import { type CardStatusReport, readCardStatus } from '../cards/card-status.js';
import { CardStore } from '../cards/card-store.js';
import type { CardEventHandler } from '../cards/events.js';
import { sendReadyCards, trackOpenImports } from '../cards/import-flow.js';
import { KaspiClassification } from '../cards/kaspi-classification.js';
import { type CardSelection, type PrepareSummary, prepareCards } from '../cards/prepare.js';
import { type CategoryReport, categoryReport } from '../cards/unmapped-categories.js';
import { ConfigError } from '../config/config-error.js';
import { alstyleClientFor, kaspiClientFor } from '../runtime/api-clients.js';
import type { SupplierProduct } from '../supplier/supplier.js';
import type { Runtime } from './runtime.js';

/** What the `cards` commands work with; `close()` releases the card store. */
export interface CardsContext {
  readonly runtime: Runtime;
  readonly store: CardStore;
  readonly kaspi: KaspiClient;
  readonly source: CardSource;
  readonly classification: KaspiClassification;
  close(): void;
}

/** Options of `openCardsContext`. */
export interface OpenCardsOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onSupplierEvent?: ((event: AlStyleEvent) => void) | undefined;
  /** A Kaspi client to use instead of one from the config (a simulator without the throttle). */
  readonly kaspi?: KaspiClient | undefined;
}

/** Opens the card store and the Kaspi and Al-Style clients a `cards` command needs. */
export function openCardsContext(runtime: Runtime, options: OpenCardsOptions = {}): CardsContext {
  const { config, baseDir } = runtime.resolved;
  const alstyle = config.suppliers.alstyle;
  if (alstyle === undefined)
    throw new ConfigError(runtime.resolved.file, [
      {
        key: 'suppliers.alstyle',
        message: 'expected Al-Style: cards are built from its product data',
      },
    ]);
  const client = alstyleClientFor(
    { ...runtime, onAlStyleEvent: options.onSupplierEvent ?? runtime.onAlStyleEvent },
    { signal: options.signal },
  );
  const kaspi = options.kaspi ?? kaspiClientFor(runtime, { signal: options.signal });
  const store = new CardStore(resolve(baseDir, config.state.path));
  return {
    runtime,
    store,
    kaspi,
    source: new AlStyleCardSource(client),
    classification: new KaspiClassification(kaspi, store, config.cards.cacheHours * 3_600_000),
    close: () => store.close(),
  };
}

function catalogueOf(ctx: CardsContext): SupplierProduct[] {
  const catalogue = ctx.runtime.store.loadCatalogue(ctx.source.supplier);
  if (catalogue.length === 0)
    throw new ConfigError(ctx.runtime.resolved.file, [
      {
        key: 'state',
        message:
          'no supplier catalogue recorded yet: run "kaspi-connect sync --full" once, then try again',
      },
    ]);
  return catalogue;
}

/** `cards categories`: every supplier category, with ranked Kaspi candidates for unmapped ones. */
export async function runCardsCategories(
  ctx: CardsContext,
  options: { readonly signal?: AbortSignal | undefined; readonly limit?: number | undefined } = {},
): Promise<CategoryReport> {
  const catalogue = catalogueOf(ctx);
  const names = await ctx.source.categoryNames(options);
  const kaspiCategories = await ctx.classification.categories(options.signal);
  return categoryReport(
    catalogue,
    names,
    ctx.runtime.resolved.config.cards.categories,
    kaspiCategories,
    options.limit,
  );
}

/** Options of `runCardsSubmit`. */
export interface CardsSubmitOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onEvent?: CardEventHandler | undefined;
  /** Build and validate only; send nothing. */
  readonly dryRun?: boolean | undefined;
  /** Wait for Kaspi's results (up to `cards.maxWaitMinutes`); default true. */
  readonly wait?: boolean | undefined;
  /** A person checked the cabinet: cards of unanswered uploads may be sent again. */
  readonly releaseUnanswered?: boolean | undefined;
}

/** What `cards submit` did, then where every card is. */
export interface CardsSubmitSummary {
  readonly resumed: { readonly finished: number; readonly open: number };
  readonly released: number;
  readonly prepared: PrepareSummary | undefined;
  readonly sentImports: readonly string[];
  readonly tracked: { readonly finished: number; readonly open: number };
  readonly error: string | undefined;
  readonly status: CardStatusReport;
}

/**
 * `cards submit`: first finish what an earlier run left open (after a crash too), then build and
 * validate the selected cards, send the ready ones and record Kaspi's per-SKU result.
 */
export async function runCardsSubmit(
  ctx: CardsContext,
  selection: CardSelection | undefined,
  options: CardsSubmitOptions = {},
): Promise<CardsSubmitSummary> {
  const cfg = ctx.runtime.resolved.config;
  const deps = {
    kaspi: ctx.kaspi,
    store: ctx.store,
    batchSize: cfg.cards.batchSize,
    pollEveryMs: cfg.cards.pollEverySeconds * 1000,
    maxWaitMs: cfg.cards.maxWaitMinutes * 60_000,
    onEvent: options.onEvent,
  };
  const call = { signal: options.signal };
  const resumed =
    options.dryRun === true
      ? { finished: 0, open: 0 }
      : await trackOpenImports(deps, { ...call, wait: false });
  const releasing =
    options.releaseUnanswered === true
      ? ctx.store.imports(['sending', 'unknown']).flatMap((i) => i.skus)
      : [];
  const released = options.releaseUnanswered === true ? ctx.store.releaseUnknown() : 0;
  const prepared =
    selection === undefined
      ? undefined
      : await prepareCards(
          {
            source: ctx.source,
            store: ctx.store,
            classification: ctx.classification,
            catalogue: catalogueOf(ctx),
            skuPrefix: cfg.suppliers.alstyle?.skuPrefix ?? 'AS',
            categories: cfg.cards.categories,
            rules: { attributes: cfg.cards.attributes, fixedValues: cfg.cards.fixedValues },
            fallbackBrand: cfg.filters.fallbackBrand,
            onEvent: options.onEvent,
          },
          selection,
          call,
        );
  if (options.dryRun === true)
    return {
      resumed,
      released,
      prepared,
      sentImports: [],
      tracked: { finished: 0, open: 0 },
      error: undefined,
      status: readCardStatus(ctx.store),
    };
  // Only what this run chose (or a person released): a card left ready by a dry run waits.
  const only = new Set([...releasing, ...(prepared?.readySkus ?? [])]);
  const sent = await sendReadyCards(deps, { ...call, only });
  const tracked = await trackOpenImports(deps, { ...call, wait: options.wait !== false });
  return {
    resumed,
    released,
    prepared,
    sentImports: sent.imports.flatMap((i) => (i.code === undefined ? [] : [i.code])),
    tracked,
    error: sent.error,
    status: readCardStatus(ctx.store),
  };
}

/** `cards status`: optionally checks open imports first (`refresh`), then reads the store. */
export async function runCardsStatus(
  ctx: CardsContext,
  options: {
    readonly signal?: AbortSignal | undefined;
    readonly refresh?: boolean | undefined;
  } = {},
): Promise<CardStatusReport> {
  if (options.refresh === true) {
    const cfg = ctx.runtime.resolved.config.cards;
    await trackOpenImports(
      {
        kaspi: ctx.kaspi,
        store: ctx.store,
        batchSize: cfg.batchSize,
        pollEveryMs: cfg.pollEverySeconds * 1000,
        maxWaitMs: 0,
      },
      { signal: options.signal, wait: false },
    );
  }
  return readCardStatus(ctx.store);
}
