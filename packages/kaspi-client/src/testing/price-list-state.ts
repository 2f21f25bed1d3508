import { acceptOffers, type SimulatedOffer } from './offers.js';
import { type ConditionalState, fetchPriceList, type PriceListSource } from './pricelist-loader.js';
import { PriceListParseError, readPriceList } from './pricelist-reader.js';
import type { KaspiSimulatorOptions, PriceListLoadReport } from './types.js';
import { SimulatorRefusal } from './world.js';

/** The offers Kaspi shows, and how they got there (automatic loading or a manual upload). */
export class PriceListState {
  offers = new Map<string, SimulatedOffer>();
  lastLoad: PriceListLoadReport | undefined;
  #source: PriceListSource | undefined;
  #lastHash: string | undefined;
  #conditional: ConditionalState | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #options: KaspiSimulatorOptions;
  readonly #now: () => number;

  /** Starts the loading timer when `priceList.intervalMs` is set. */
  constructor(options: KaspiSimulatorOptions, now: () => number) {
    this.#options = options;
    this.#now = now;
    this.#source = options.priceList;
    if (options.priceList?.intervalMs !== undefined) {
      this.#timer = setInterval(() => {
        this.load().catch(() => {});
      }, options.priceList.intervalMs);
      this.#timer.unref();
    }
  }

  /** Sets (or replaces) the automatic-loading URL; the next load is unconditional. */
  setSource(source: PriceListSource): void {
    this.#source = source;
    this.#lastHash = undefined;
    this.#conditional = undefined;
  }

  /** A manual upload in the cabinet. */
  upload(xml: string): PriceListLoadReport {
    const report = this.#apply(xml, undefined);
    if (report.outcome === 'loaded') this.#lastHash = undefined;
    return report;
  }

  /** Fetches the price list now, applying only a changed file. */
  async load(signal?: AbortSignal): Promise<PriceListLoadReport> {
    if (!this.#source) throw new SimulatorRefusal('No price-list URL configured');
    const result = await fetchPriceList(
      this.#source,
      this.#conditional,
      this.#options.fetch ?? globalThis.fetch,
      signal,
      this.#options.priceListTimeoutMs ?? 30_000,
    );
    const report = (
      outcome: 'failed' | 'unchanged',
      error: string | undefined,
      status?: number,
    ) => {
      this.lastLoad = {
        outcome,
        at: new Date(this.#now()),
        httpStatus: status,
        accepted: outcome === 'unchanged' ? this.offers.size : 0,
        rejected: [],
        error,
      };
      return this.lastLoad;
    };
    if (result.kind === 'failed') return report('failed', result.error, result.status);
    if (result.kind === 'not-modified' || result.hash === this.#lastHash)
      return report('unchanged', undefined, result.status);
    const loaded = this.#apply(result.body, result.status);
    if (loaded.outcome === 'loaded') {
      this.#lastHash = result.hash;
      this.#conditional = { etag: result.etag, lastModified: result.lastModified };
    }
    return loaded;
  }

  /** Stops the loading timer. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  #apply(xml: string, httpStatus: number | undefined): PriceListLoadReport {
    const at = new Date(this.#now());
    try {
      const { offers, rejected } = acceptOffers(
        readPriceList(xml, this.#options.offerPolicy ?? 'strict'),
      );
      this.offers = offers;
      this.lastLoad = {
        outcome: 'loaded',
        at,
        httpStatus,
        accepted: offers.size,
        rejected,
        error: undefined,
      };
    } catch (error) {
      if (!(error instanceof PriceListParseError)) throw error;
      // A broken file never replaces the last good catalogue.
      this.lastLoad = {
        outcome: 'failed',
        at,
        httpStatus,
        accepted: 0,
        rejected: [],
        error: error.message,
      };
    }
    return this.lastLoad;
  }
}
