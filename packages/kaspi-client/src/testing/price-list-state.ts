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
    const status = result.status;
    if (result.kind === 'failed') return this.#report('failed', status, 0, [], result.error);
    if (result.kind === 'not-modified' || result.hash === this.#lastHash)
      return this.#report('unchanged', status, this.offers.size);
    const loaded = this.#apply(result.body, status);
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
    try {
      const doc = readPriceList(xml, this.#options.offerPolicy ?? 'strict');
      const { offers, rejected } = acceptOffers(doc);
      this.offers = offers;
      return this.#report('loaded', httpStatus, offers.size, rejected);
    } catch (error) {
      if (!(error instanceof PriceListParseError)) throw error;
      // A broken file never replaces the last good catalogue.
      return this.#report('failed', httpStatus, 0, [], error.message);
    }
  }

  #report(
    outcome: PriceListLoadReport['outcome'],
    httpStatus: number | undefined,
    accepted: number,
    rejected: PriceListLoadReport['rejected'] = [],
    error?: string,
  ): PriceListLoadReport {
    this.lastLoad = { outcome, at: new Date(this.#now()), httpStatus, accepted, rejected, error };
    return this.lastLoad;
  }
}
