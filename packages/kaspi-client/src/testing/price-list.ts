import { createHash } from 'node:crypto';
import {
  type Availability,
  PriceListParseError as FormatError,
  type Offer,
  parsePriceListString,
  RULES,
  type RuleCode,
  type ValidationMode,
} from '@kaspi-connect/kaspi-pricelist';
import type { KaspiSimulatorOptions, PriceListLoadReport } from './types.js';
import { SimulatorRefusal } from './world.js';

/** One availability of an offer as written in the price list. */
export type PriceListAvailability = Availability;

/** One readable `<offer>` as read. */
export interface PriceListOffer {
  readonly sku: string;
  readonly model: string;
  readonly brand: string;
  readonly availabilities: readonly PriceListAvailability[];
  /** The single price for every city, KZT, if present. */
  readonly price: number | undefined;
  /** `cityId` → price, KZT. */
  readonly cityPrices: ReadonlyMap<string, number>;
}

/** An `<offer>` the acceptance model refuses under the chosen policy. */
export interface RefusedOffer {
  readonly sku: string;
  /** 1-based line of the `<offer>` tag. */
  readonly line: number;
  /** The rule codes that refuse it, in the order found. */
  readonly rules: readonly RuleCode[];
}

/** A parsed `kaspi_catalog`: the offers the model accepts and those it refuses. */
export interface PriceListDocument {
  readonly company: string;
  readonly merchantId: string;
  readonly offers: readonly PriceListOffer[];
  readonly refused: readonly RefusedOffer[];
}

/** Thrown for XML that is not well-formed or not a `kaspi_catalog`; names line and column. */
export class PriceListParseError extends Error {
  override name = 'PriceListParseError';
}

/** An offer Kaspi accepted from the price list and shows to buyers. */
export type SimulatedOffer = PriceListOffer;

/** An offer the simulator refused while loading; `reason` names each rule with its text. */
export interface RejectedOffer extends RefusedOffer {
  readonly reason: string;
}

/** Which rules refuse an offer (see {@link readPriceList}); Kaspi's own tolerance is unknown. */
export type OfferPolicy = 'strict' | 'lenient';

/** Where and how the simulator fetches the price list, like Kaspi's automatic loading. */
export interface PriceListSource {
  readonly url: string;
  /** Optional Basic-auth login of the automatic-loading form. */
  readonly username?: string;
  readonly password?: string;
}

function toOffer(offer: Offer): PriceListOffer {
  return {
    sku: offer.sku,
    model: offer.model,
    brand: offer.brand ?? '',
    availabilities: offer.availabilities,
    price: offer.price,
    cityPrices: new Map((offer.cityPrices ?? []).map((cp) => [cp.cityId, cp.price])),
  };
}

/**
 * Reads a price list with the validator's own parser and acceptance model
 * (`@kaspi-connect/kaspi-pricelist`), so the two cannot drift: `strict` refuses offers breaking
 * error- or warning-level rules, `lenient` only error-level ones.
 */
export function readPriceList(xml: string, policy: ValidationMode = 'lenient'): PriceListDocument {
  let parsed: ReturnType<typeof parsePriceListString>;
  try {
    parsed = parsePriceListString(xml, { mode: policy, onInvalid: 'skip' });
  } catch (error) {
    if (FormatError.isInstance(error))
      throw new PriceListParseError(`price list refused: ${error.message}`);
    throw error;
  }
  return {
    company: parsed.priceList.company,
    merchantId: parsed.priceList.merchantId,
    offers: parsed.priceList.offers.map(toOffer),
    refused: parsed.rejected.map((r) => ({ sku: r.sku, line: r.line, rules: r.errors })),
  };
}

/** The offers Kaspi shows, and how they got there (automatic loading or a manual upload). */
export class PriceListState {
  offers = new Map<string, SimulatedOffer>();
  lastLoad: PriceListLoadReport | undefined;
  #source: PriceListSource | undefined;
  #lastHash: string | undefined;
  /** Validators remembered from the last file applied from the URL. */
  #etag: string | undefined;
  #lastModified: string | undefined;
  #timer: NodeJS.Timeout | undefined;

  /** Starts the loading timer when `priceList.intervalMs` is set. */
  constructor(
    readonly options: KaspiSimulatorOptions,
    readonly now: () => number,
  ) {
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
    this.#etag = undefined;
    this.#lastModified = undefined;
  }

  /** A manual upload in the cabinet. */
  upload(xml: string): PriceListLoadReport {
    const report = this.#apply(xml, undefined);
    if (report.outcome === 'loaded') this.#lastHash = undefined;
    return report;
  }

  /**
   * Fetches the price list now, applying only a changed file. How Kaspi detects "changed" is
   * unknown, so this sends conditional headers when the server gave validators and also compares
   * a SHA-256 of the body.
   */
  async load(signal?: AbortSignal): Promise<PriceListLoadReport> {
    const source = this.#source;
    if (!source) throw new SimulatorRefusal('No price-list URL configured');
    const timeoutMs = this.options.priceListTimeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const headers = new Headers({ 'User-Agent': 'kaspi-simulator-pricelist-loader' });
    if (source.username !== undefined || source.password !== undefined) {
      const basic = Buffer.from(`${source.username ?? ''}:${source.password ?? ''}`);
      headers.set('Authorization', `Basic ${basic.toString('base64')}`);
    }
    if (this.#etag) headers.set('If-None-Match', this.#etag);
    if (this.#lastModified) headers.set('If-Modified-Since', this.#lastModified);
    let response: Response;
    let body: string;
    try {
      const fetchImpl = this.options.fetch ?? globalThis.fetch;
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      response = await fetchImpl(source.url, { headers, signal: combined });
      if (response.status === 304) return this.#report('unchanged', 304, this.offers.size);
      if (response.status !== 200) {
        await response.body?.cancel();
        return this.#report('failed', response.status, 0, [], `HTTP ${response.status}`);
      }
      body = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const message = timeout.aborted
        ? `no complete answer within ${timeoutMs} ms`
        : String((error as Error)?.message ?? error);
      return this.#report('failed', undefined, 0, [], message);
    }
    const hash = createHash('sha256').update(body).digest('hex');
    if (hash === this.#lastHash) return this.#report('unchanged', 200, this.offers.size);
    const loaded = this.#apply(body, 200);
    if (loaded.outcome === 'loaded') {
      this.#lastHash = hash;
      this.#etag = response.headers.get('etag') ?? undefined;
      this.#lastModified = response.headers.get('last-modified') ?? undefined;
    }
    return loaded;
  }

  /** Stops the loading timer. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  #apply(xml: string, httpStatus: number | undefined): PriceListLoadReport {
    let doc: PriceListDocument;
    try {
      doc = readPriceList(xml, this.options.offerPolicy ?? 'strict');
    } catch (error) {
      if (!(error instanceof PriceListParseError)) throw error;
      // A broken file never replaces the last good catalogue.
      return this.#report('failed', httpStatus, 0, [], error.message);
    }
    this.offers = new Map(doc.offers.map((o) => [o.sku, o]));
    const rejected = doc.refused.map(({ sku, line, rules }) => {
      const unique = [...new Set(rules)];
      const reason = unique.map((rule) => `${rule}: ${RULES[rule]}`).join('; ');
      return { sku, line, reason, rules: unique };
    });
    return this.#report('loaded', httpStatus, this.offers.size, rejected);
  }

  #report(
    outcome: PriceListLoadReport['outcome'],
    httpStatus: number | undefined,
    accepted: number,
    rejected: PriceListLoadReport['rejected'] = [],
    error?: string,
  ): PriceListLoadReport {
    this.lastLoad = { outcome, at: new Date(this.now()), httpStatus, accepted, rejected, error };
    return this.lastLoad;
  }
}
