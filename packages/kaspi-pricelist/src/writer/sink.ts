import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Where the writer sends text: a Node `Writable` or a web `WritableStream` of bytes. */
export type WriteTarget = Writable | WritableStream<Uint8Array>;

/** Uniform async sink over both stream kinds, honouring backpressure. */
export interface Sink {
  /** Writes UTF-8 bytes that end on a character boundary; a promise when the target is full. */
  write(chunk: Buffer): Promise<void> | undefined;
  close(): Promise<void>;
  abort(reason: unknown): Promise<void>;
}

function isWebStream(target: WriteTarget): target is WritableStream<Uint8Array> {
  return typeof (target as WritableStream).getWriter === 'function';
}

/** Wraps `target`; `end: false` leaves a Node stream open (e.g. stdout). */
export function toSink(target: WriteTarget, end: boolean): Sink {
  if (isWebStream(target)) {
    const writer = target.getWriter();
    return {
      write: (chunk) => writer.write(chunk),
      close: async () => {
        if (end) await writer.close();
        else writer.releaseLock();
      },
      abort: async (reason) => {
        await writer.abort(reason).catch(() => undefined);
      },
    };
  }
  // Without a listener, an 'error' (e.g. the file cannot be opened) would crash the process;
  // keep it and fail the next write instead.
  let failure: unknown;
  const onError = (error: unknown) => {
    failure ??= error;
  };
  target.on('error', onError);
  const check = () => {
    if (failure !== undefined) throw failure;
  };
  // An object-mode stream gets text, as before bytes were encoded here; every chunk is whole
  // characters, so decoding it is exact.
  const objectMode = target.writableObjectMode;
  return {
    write: (chunk) => {
      check();
      const accepted = objectMode ? target.write(chunk.toString('utf8')) : target.write(chunk);
      return accepted ? undefined : once(target, 'drain').then(check);
    },
    close: async () => {
      check();
      if (end) {
        target.end();
        await finished(target, { readable: false });
      }
      target.off('error', onError);
    },
    // Destroyed without an error: the caller gets the rejection, and an 'error' event nobody
    // listens to would crash the process. Pipelines still see a premature close.
    abort: async () => {
      target.destroy();
      // Wait until it is closed: a file stream opens asynchronously, and a caller that removes
      // the file next must not race the open.
      await finished(target).catch(() => undefined);
      target.off('error', onError);
    },
  };
}
