import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import type { OrderState } from '../../orders/order-record.js';
import { OrderConflictError, type TransitionSource } from '../../orders/transitions.js';
import { PostgresStateStoreError, redactDatabaseSecrets } from './errors.js';
import type { Args, Method, Result } from './handlers.js';
import type { ReplyMessage, WireError } from './protocol.js';

/** Options of the synchronous bridge. */
export interface SyncBridgeOptions {
  readonly url: string;
  readonly shop: string;
  readonly poolSize: number;
  readonly applicationName: string;
  /** How long one call may take before it fails (ms). */
  readonly callTimeoutMs: number;
  /** The URL as shown in errors (password replaced). */
  readonly shownUrl: string;
  /** Replaced by `***` wherever it shows up in an error from the worker. */
  readonly password?: string | undefined;
}

/**
 * Blocking calls into a worker thread that owns the PostgreSQL connections: post one message,
 * `Atomics.wait` on a shared counter, read the reply with `receiveMessageOnPort`. This is the
 * synckit pattern, hand-written (about 60 lines) because the worker is a file of this package
 * that must load both from `dist` and from TypeScript sources under vitest, and because each
 * call needs a timeout and typed error rebuilding; synckit would wrap the same three calls.
 */
export class SyncBridge {
  readonly #worker: Worker;
  readonly #port: MessagePort;
  readonly #counter: Int32Array;
  readonly #options: SyncBridgeOptions;
  #nextId = 1;
  #closed = false;

  constructor(options: SyncBridgeOptions) {
    this.#options = options;
    const signal = new SharedArrayBuffer(4);
    this.#counter = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#worker = new Worker(workerEntry(), {
      workerData: {
        url: options.url,
        shop: options.shop,
        poolSize: options.poolSize,
        applicationName: options.applicationName,
        port: port2,
        signal,
      },
      transferList: [port2],
      stdout: false,
      stderr: false,
    });
    // The worker never keeps the process alive; a forgotten store does not hang the exit.
    this.#worker.unref();
    this.#port.unref();
  }

  /** One store call, answered synchronously. */
  call<M extends Method>(method: M, ...args: Args<M>): Result<M> {
    return this.#send(method, args) as Result<M>;
  }

  /** A round trip through the worker without a query (measures the bridge alone). */
  ping(): void {
    this.#send('$ping', []);
  }

  /** Connects and migrates; throws `PostgresStateStoreError` when that fails. */
  open(): number {
    return this.#send('$open', []) as number;
  }

  /** Stops the worker without a goodbye (its connections close with it). */
  terminate(): void {
    this.#closed = true;
    void this.#worker.terminate();
  }

  close(): void {
    if (this.#closed) return;
    try {
      this.#send('$close', []);
    } finally {
      this.#closed = true;
      void this.#worker.terminate();
    }
  }

  #send(method: string, args: readonly unknown[]): unknown {
    if (this.#closed) {
      throw new PostgresStateStoreError(
        this.#options.shownUrl,
        `the store is closed (call ${method})`,
      );
    }
    const id = this.#nextId++;
    this.#port.postMessage({ id, method, args });
    const deadline = Date.now() + this.#options.callTimeoutMs;
    for (;;) {
      const seen = Atomics.load(this.#counter, 0);
      // Drain: an answer to an earlier call that timed out is dropped.
      for (
        let got = receiveMessageOnPort(this.#port);
        got !== undefined;
        got = receiveMessageOnPort(this.#port)
      ) {
        const reply = got.message as ReplyMessage;
        if (reply.id !== id) continue;
        if (reply.ok) return reply.value;
        throw rebuild(reply.error, this.#options);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new PostgresStateStoreError(
          this.#options.shownUrl,
          `${method} got no answer within ${this.#options.callTimeoutMs} ms`,
          'TIMEOUT',
        );
      }
      Atomics.wait(this.#counter, 0, seen, left);
    }
  }
}

function rebuild(error: WireError, options: SyncBridgeOptions): Error {
  if (error.conflict !== undefined) {
    return new OrderConflictError(
      error.conflict.kaspiCode,
      error.conflict.expected as TransitionSource,
      error.conflict.actual as OrderState | undefined,
    );
  }
  const reason = redactDatabaseSecrets(`${error.name}: ${error.message}`, options.password);
  return new PostgresStateStoreError(options.shownUrl, reason, error.code);
}

let sourceWorker: URL | undefined;

/**
 * The worker file next to this module: built JavaScript in `dist`. Running from TypeScript
 * sources (vitest, tsx), the worker is bundled with esbuild into node_modules/.cache, because
 * Node 20 does not apply the parent's TypeScript loader to a worker's imports. The file is named
 * by its content hash and renamed into place, so parallel test processes never read half a file.
 */
function workerEntry(): URL {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new URL('./postgres-worker.js', here);
  if (sourceWorker !== undefined) return sourceWorker;
  const esbuild = createRequire(here)('esbuild') as {
    buildSync(options: Record<string, unknown>): { outputFiles: { text: string }[] };
  };
  const built = esbuild.buildSync({
    entryPoints: [fileURLToPath(new URL('./worker.ts', here))],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  const text = built.outputFiles[0]?.text ?? '';
  const dir = fileURLToPath(new URL('../../../node_modules/.cache/', here));
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const file = join(dir, `kc-postgres-worker-${hash}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, file);
  }
  sourceWorker = pathToFileURL(file);
  return sourceWorker;
}
