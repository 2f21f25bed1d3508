import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Offer } from '../model/types.js';
import {
  PriceListSerializer,
  type WritablePriceList,
  type WriteOptions,
  type WriteReport,
} from './serializer.js';
import { type Sink, toSink, type WriteTarget } from './sink.js';
import { Utf8Chunks } from './utf8-chunks.js';

/** Writer input whose offers may be a sync iterable (array, generator) or an async iterable. */
export interface PriceListStreamInput extends WritablePriceList {
  readonly offers: Iterable<Offer> | AsyncIterable<Offer>;
}

/** Writer input with a synchronous iterable of offers. */
export interface PriceListSyncInput extends WritablePriceList {
  readonly offers: Iterable<Offer>;
}

/** Options of {@link writePriceList}. */
export interface StreamWriteOptions extends WriteOptions {
  /** End (close) the target when done. Default true; pass false for `process.stdout`. */
  readonly end?: boolean;
}

/** The XML text and the write report. */
export interface RenderedPriceList {
  readonly xml: string;
  readonly report: WriteReport;
}

// Batching offers into ~64 KiB chunks keeps per-write overhead off the hot path.
const CHUNK_CHARS = 1 << 16;

/** Gathers rendered text into chunks for one kind of output. */
interface Chunker<Chunk> {
  /** Appends text; returns true when a chunk is ready to take. */
  push(text: string): boolean;
  take(): Chunk;
}

/** String chunks, for the string-returning entry points. */
class StringChunks implements Chunker<string> {
  private text = '';

  push(text: string): boolean {
    this.text += text;
    return this.text.length >= CHUNK_CHARS;
  }

  take(): string {
    const chunk = this.text;
    this.text = '';
    return chunk;
  }
}

function isSyncIterable(value: Iterable<Offer> | AsyncIterable<Offer>): value is Iterable<Offer> {
  return typeof (value as Iterable<Offer>)[Symbol.iterator] === 'function';
}

/** A sync iterator of offers and whether it has ended, so that it is closed only when stopped early. */
interface OfferCursor {
  readonly iterator: Iterator<Offer>;
  /** True once `next` reported the end or threw: then, as after `for…of`, no `return()`. */
  ended: boolean;
}

/**
 * Renders offers until a chunk is ready (false) or the offers end (true). A plain loop apart from
 * the async pump, so that V8 optimizes it with the serializer inlined early in a run (measured: a
 * few per cent of the writer's time at 100k offers).
 */
function fill<Chunk>(
  cursor: OfferCursor,
  serializer: PriceListSerializer,
  chunks: Chunker<Chunk>,
): boolean {
  for (;;) {
    cursor.ended = true;
    const next = cursor.iterator.next();
    if (typeof next !== 'object' || next === null) {
      throw new TypeError(`Iterator result ${String(next)} is not an object`);
    }
    if (next.done) return true;
    cursor.ended = false;
    if (chunks.push(serializer.add(next.value))) return false;
  }
}

/**
 * Renders every offer into `chunks` and emits each full chunk. A full target is awaited before the
 * next write, not before rendering the next chunk, so rendering overlaps the target's I/O while
 * never writing into a full target: at most one rendered chunk waits.
 */
async function pump<Chunk>(
  input: PriceListStreamInput,
  serializer: PriceListSerializer,
  chunks: Chunker<Chunk>,
  emit: (chunk: Chunk) => Promise<void> | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  let full: Promise<void> | undefined;
  const send = async (chunk: Chunk): Promise<void> => {
    if (full !== undefined) await full;
    signal?.throwIfAborted();
    full = emit(chunk);
    // Awaited at the next write; until then a failure must not count as unhandled.
    full?.catch(() => undefined);
  };
  chunks.push(serializer.open(input));
  const { offers } = input;
  signal?.throwIfAborted();
  if (isSyncIterable(offers)) {
    const cursor: OfferCursor = { iterator: offers[Symbol.iterator](), ended: false };
    try {
      while (!fill(cursor, serializer, chunks)) await send(chunks.take());
    } catch (error) {
      // As `for…of` does when its loop stops early: close the iterator, keep the first error.
      if (!cursor.ended) {
        try {
          cursor.iterator.return?.();
        } catch {}
      }
      throw error;
    }
  } else {
    for await (const offer of offers) {
      if (chunks.push(serializer.add(offer))) await send(chunks.take());
    }
  }
  chunks.push(serializer.close());
  await send(chunks.take());
  await full;
}

/**
 * Streams a price list to a Node `Writable` or a web `WritableStream`, validating each offer.
 * On any failure (invalid offer under `onInvalid: 'throw'`, empty list, abort, stream error) the
 * target is destroyed/aborted, so a half-written file never ends like a whole one, and the promise
 * rejects (with {@link PriceListValidationError} listing every error for bad data).
 */
export async function writePriceList(
  input: PriceListStreamInput,
  target: WriteTarget,
  options: StreamWriteOptions = {},
): Promise<WriteReport> {
  const serializer = new PriceListSerializer(options);
  const sink: Sink = toSink(target, options.end ?? true);
  try {
    await pump(input, serializer, new Utf8Chunks(), (chunk) => sink.write(chunk), options.signal);
    await sink.close();
  } catch (error) {
    await sink.abort(error);
    throw error;
  }
  return serializer.report();
}

/** Renders a price list to a string; accepts async iterables. Throws like {@link writePriceList}. */
export async function writePriceListToString(
  input: PriceListStreamInput,
  options: WriteOptions = {},
): Promise<RenderedPriceList> {
  const serializer = new PriceListSerializer(options);
  const parts: string[] = [];
  await pump(
    input,
    serializer,
    new StringChunks(),
    (chunk) => {
      parts.push(chunk);
      return undefined;
    },
    options.signal,
  );
  return { xml: parts.join(''), report: serializer.report() };
}

/** Synchronous {@link writePriceListToString} for arrays and other sync iterables. */
export function renderPriceList(
  input: PriceListSyncInput,
  options: WriteOptions = {},
): RenderedPriceList {
  const serializer = new PriceListSerializer(options);
  options.signal?.throwIfAborted();
  const parts = [serializer.open(input)];
  for (const offer of input.offers) parts.push(serializer.add(offer));
  parts.push(serializer.close());
  return { xml: parts.join(''), report: serializer.report() };
}

/**
 * Writes a price list to `path` atomically: into a temporary file beside it, renamed over `path`
 * only on success. On failure `path` keeps its last good content and the temporary file is removed.
 */
export async function writePriceListFile(
  path: string,
  input: PriceListStreamInput,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const report = await writePriceList(input, createWriteStream(temporary), options);
    await rename(temporary, path);
    return report;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
