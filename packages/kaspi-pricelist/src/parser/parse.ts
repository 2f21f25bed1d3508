import { createReadStream } from 'node:fs';
import type { Offer, PriceList, PriceListHeader } from '../model/types.js';
import { PriceListParseError, PriceListValidationError } from '../validation/errors.js';
import type { ValidationIssue, ValidationMode } from '../validation/issue.js';
import { PriceListReader } from './reader.js';

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
}

/** A price list read completely and without errors. */
export interface ParsedPriceList {
  readonly priceList: PriceList;
  /** Warnings (lenient deviations, store-id prefixes, …), each with its line; capped at `maxIssues`. */
  readonly warnings: readonly ValidationIssue[];
  readonly warningCount: number;
}

/** Options of {@link streamOffers}. */
export interface StreamParseOptions extends ParseOptions {
  /** Called once when `<offers>` opens, with the header read so far. */
  readonly onHeader?: (header: PriceListHeader) => void;
}

/** Returned by {@link streamOffers} when the whole document was read without errors. */
export interface ParseSummary {
  readonly header: PriceListHeader;
  readonly offerCount: number;
  readonly warnings: readonly ValidationIssue[];
  readonly warningCount: number;
}

function finish(reader: PriceListReader): ParseSummary {
  reader.close();
  const { collector } = reader;
  if (collector.errorCount > 0)
    throw new PriceListValidationError(collector.issues, collector.errorCount);
  return {
    header: { ...reader.header },
    offerCount: reader.offerCount,
    warnings: collector.only('warning'),
    warningCount: collector.warningCount,
  };
}

/**
 * Parses a whole document held in memory, synchronously. Throws {@link PriceListParseError}
 * (line, column) for malformed XML and {@link PriceListValidationError} listing every error, so a
 * partial catalogue is never returned as if it were whole.
 */
export function parsePriceListString(xml: string, options: ParseOptions = {}): ParsedPriceList {
  options.signal?.throwIfAborted();
  const offers: Offer[] = [];
  const reader = new PriceListReader(
    options.mode ?? 'strict',
    { onOffer: (offer) => offers.push(offer) },
    options.maxIssues,
  );
  reader.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml);
  const summary = finish(reader);
  return {
    priceList: { ...summary.header, offers },
    warnings: summary.warnings,
    warningCount: summary.warningCount,
  };
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
 * set. Offers with errors are not yielded; the generator throws {@link PriceListValidationError}
 * listing every error once the document ends, or {@link PriceListParseError} at the first
 * malformed spot. Only a generator that completes without throwing has delivered a whole catalogue.
 */
export async function* streamOffers(
  input: PriceListInput,
  options: StreamParseOptions = {},
): AsyncGenerator<Offer, ParseSummary, undefined> {
  let ready: Offer[] = [];
  const handlers = {
    onOffer: (offer: Offer) => void ready.push(offer),
    ...(options.onHeader ? { onHeader: options.onHeader } : {}),
  };
  const reader = new PriceListReader(options.mode ?? 'strict', handlers, options.maxIssues);
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
  const summary = finish(reader);
  yield* ready;
  return summary;
}

/**
 * Reads a whole price list from text, bytes or a stream. Throws like {@link parsePriceListString}.
 */
export async function parsePriceList(
  input: PriceListInput,
  options: ParseOptions = {},
): Promise<ParsedPriceList> {
  const offers: Offer[] = [];
  const iterator = streamOffers(input, options);
  for (;;) {
    const step = await iterator.next();
    if (step.done) {
      const summary = step.value;
      return {
        priceList: { ...summary.header, offers },
        warnings: summary.warnings,
        warningCount: summary.warningCount,
      };
    }
    offers.push(step.value);
  }
}

/** Reads a price list file. Throws like {@link parsePriceListString}. */
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
