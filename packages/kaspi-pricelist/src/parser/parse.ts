import { createReadStream } from 'node:fs';
import type { Offer, PriceList, PriceListHeader } from '../model/types.js';
import type { RuleCount } from '../validation/collector.js';
import { PriceListParseError, PriceListValidationError } from '../validation/errors.js';
import type { RuleCode, ValidationIssue, ValidationMode } from '../validation/issue.js';
import { PriceListReader } from './reader.js';
import type { RejectedOffer } from './rejected.js';

/** What the parser reads: text, bytes (UTF-8), a Node `Readable`, a web `ReadableStream`, or any async iterable of chunks. */
export type PriceListInput =
  | string
  | Uint8Array
  | AsyncIterable<string | Uint8Array>
  | ReadableStream<Uint8Array>;

/** Options of the parse functions. */
export interface ParseOptions {
  /** `strict` (default): the guide's rules; `lenient`: real-feed deviations become warnings. */
  readonly mode?: ValidationMode;
  /** Issues kept (all are counted). Default 1000. */
  readonly maxIssues?: number;
  /** Stops reading; the parse rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * What to do with offers (and header parts) that have errors:
   * - `'throw'`: read to the end, then throw {@link PriceListValidationError} listing every error;
   * - `'skip'`: leave such offers out of the catalogue and list them in `rejected`;
   * - `'keep'`: like `'skip'`, and each rejected entry also holds the offer as read.
   *
   * Default: `'skip'` in lenient mode and `'throw'` in strict mode; {@link streamOffers} always
   * defaults to `'throw'`, so a loop that completes has seen the whole catalogue.
   */
  readonly onInvalid?: 'throw' | 'skip' | 'keep';
}

/** Error and warning counts per rule, over the whole document (not capped). */
export type RuleCounts = Readonly<Partial<Record<RuleCode, Readonly<RuleCount>>>>;

/**
 * A price list read to the end. Without `onInvalid: 'throw'` it may hold errors: `offers` are the
 * offers without errors, `rejected` the others; together they are every offer in the document.
 */
export interface ParsedPriceList {
  readonly priceList: PriceList;
  /** Warnings (lenient deviations, store-id prefixes, …), each with its line; capped at `maxIssues`. */
  readonly warnings: readonly ValidationIssue[];
  readonly warningCount: number;
  /** Every issue, errors and warnings, in document order; capped at `maxIssues`. */
  readonly issues: readonly ValidationIssue[];
  /** Errors found, header and offers, past the cap too. */
  readonly errorCount: number;
  /** Offers left out because they have errors, in document order. */
  readonly rejected: readonly RejectedOffer[];
  /** Issue counts per rule code. */
  readonly byRule: RuleCounts;
}

/** Options of {@link streamOffers}. */
export interface StreamParseOptions extends ParseOptions {
  /** Called once when `<offers>` opens, with the header read so far. */
  readonly onHeader?: (header: PriceListHeader) => void;
}

/**
 * Returned by {@link streamOffers} when the whole document was read: without errors, or with
 * `onInvalid` other than `'throw'`, in which case `rejectedCount` says how many offers were left out.
 */
export interface ParseSummary {
  readonly header: PriceListHeader;
  /** Offers yielded. */
  readonly offerCount: number;
  /** Offers left out for errors; `offerCount + rejectedCount` is every offer in the document. */
  readonly rejectedCount: number;
  readonly rejected: readonly RejectedOffer[];
  readonly warnings: readonly ValidationIssue[];
  readonly warningCount: number;
  readonly issues: readonly ValidationIssue[];
  readonly errorCount: number;
  readonly byRule: RuleCounts;
}

type OnInvalid = NonNullable<ParseOptions['onInvalid']>;

function openReader(
  options: ParseOptions,
  onInvalid: OnInvalid,
  onOffer: (offer: Offer) => void,
  onHeader?: (header: PriceListHeader) => void,
): { reader: PriceListReader; rejected: RejectedOffer[] } {
  const rejected: RejectedOffer[] = [];
  const handlers = {
    onOffer,
    ...(onHeader ? { onHeader } : {}),
    ...(onInvalid === 'throw' ? {} : { onRejected: (r: RejectedOffer) => void rejected.push(r) }),
  };
  const reader = new PriceListReader(
    options.mode ?? 'strict',
    handlers,
    options.maxIssues,
    onInvalid === 'keep',
  );
  return { reader, rejected };
}

function finish(
  reader: PriceListReader,
  onInvalid: OnInvalid,
  rejected: readonly RejectedOffer[],
): ParseSummary {
  reader.close();
  const { collector } = reader;
  if (onInvalid === 'throw' && collector.errorCount > 0)
    throw new PriceListValidationError(collector.issues, collector.errorCount);
  return {
    header: { ...reader.header },
    offerCount: reader.offerCount,
    rejectedCount: reader.rejectedCount,
    rejected,
    warnings: collector.only('warning'),
    warningCount: collector.warningCount,
    issues: collector.issues,
    errorCount: collector.errorCount,
    byRule: Object.fromEntries(collector.byRule),
  };
}

const defaultOnInvalid = (options: ParseOptions): OnInvalid =>
  options.onInvalid ?? (options.mode === 'lenient' ? 'skip' : 'throw');

function toParsed(summary: ParseSummary, offers: Offer[]): ParsedPriceList {
  const { header, warnings, warningCount, issues, errorCount, rejected, byRule } = summary;
  return {
    priceList: { ...header, offers },
    warnings,
    warningCount,
    issues,
    errorCount,
    rejected,
    byRule,
  };
}

/**
 * Parses a whole document held in memory, synchronously. Throws {@link PriceListParseError}
 * (line, column) for malformed XML or a root other than `kaspi_catalog`. Offers with errors are
 * handled by `onInvalid`: by default strict mode throws {@link PriceListValidationError} listing
 * every error, and lenient mode returns them in `rejected`, so no offer goes unaccounted for.
 */
export function parsePriceListString(xml: string, options: ParseOptions = {}): ParsedPriceList {
  options.signal?.throwIfAborted();
  const offers: Offer[] = [];
  const onInvalid = defaultOnInvalid(options);
  const { reader, rejected } = openReader(options, onInvalid, (offer) => offers.push(offer));
  reader.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml);
  return toParsed(finish(reader, onInvalid, rejected), offers);
}

const SLICE = 1 << 16;

async function* chunksOf(input: PriceListInput): AsyncGenerator<string | Uint8Array> {
  // Text and bytes in memory are fed in slices so that offers stream out as they are read
  // instead of piling up behind one giant write.
  if (typeof input === 'string' || input instanceof Uint8Array) {
    for (let start = 0; start < input.length; start += SLICE) {
      yield input.slice(start, start + SLICE);
    }
    return;
  }
  if (typeof (input as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (input as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* input as AsyncIterable<string | Uint8Array>;
}

/**
 * Streams the offers of a price list as they are read, holding only the current offer and the SKU
 * set. Offers with errors are not yielded. By default (`onInvalid: 'throw'`, in both modes) the
 * generator throws {@link PriceListValidationError} listing every error once the document ends,
 * or {@link PriceListParseError} at the first malformed spot, so only a generator that completes
 * without throwing has delivered a whole catalogue. With `'skip'` or `'keep'` it completes, and
 * the summary's `rejectedCount` says how many offers it left out.
 */
export async function* streamOffers(
  input: PriceListInput,
  options: StreamParseOptions = {},
): AsyncGenerator<Offer, ParseSummary, undefined> {
  return yield* readOffers(input, options, options.onInvalid ?? 'throw');
}

async function* readOffers(
  input: PriceListInput,
  options: StreamParseOptions,
  onInvalid: OnInvalid,
): AsyncGenerator<Offer, ParseSummary, undefined> {
  let ready: Offer[] = [];
  const { reader, rejected } = openReader(
    options,
    onInvalid,
    (offer: Offer) => void ready.push(offer),
    options.onHeader,
  );
  // Strict UTF-8: invalid bytes are an error, not silent replacement characters.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes: Uint8Array | undefined): string => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch (error) {
      const { line, column } = reader.position();
      throw new PriceListParseError('input is not valid UTF-8', line, column, { cause: error });
    }
  };
  let first = true;
  for await (const chunk of chunksOf(input)) {
    options.signal?.throwIfAborted();
    let text = typeof chunk === 'string' ? chunk : decode(chunk);
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    reader.write(text);
    // Swap rather than shift(): shift() on a long queue is O(n) per offer.
    const batch = ready;
    ready = [];
    yield* batch;
  }
  reader.write(decode(undefined));
  const summary = finish(reader, onInvalid, rejected);
  yield* ready;
  return summary;
}

/**
 * Reads a whole price list from text, bytes or a stream. Behaves like {@link parsePriceListString}.
 */
export async function parsePriceList(
  input: PriceListInput,
  options: ParseOptions = {},
): Promise<ParsedPriceList> {
  const offers: Offer[] = [];
  const iterator = readOffers(input, options, defaultOnInvalid(options));
  for (;;) {
    const step = await iterator.next();
    if (step.done) return toParsed(step.value, offers);
    offers.push(step.value);
  }
}

/** Reads a price list file. Behaves like {@link parsePriceListString}. */
export function parsePriceListFile(
  path: string,
  options: ParseOptions = {},
): Promise<ParsedPriceList> {
  // Larger reads than the 64 KiB default: fewer chunks through the decoder and generator.
  const stream = createReadStream(path, {
    highWaterMark: 1 << 18,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return parsePriceList(stream, options).finally(() => stream.destroy());
}
