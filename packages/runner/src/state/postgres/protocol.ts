/** What the store sends its worker: one call. */
export interface CallMessage {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

/** An error as it crosses the thread boundary (classes do not survive structured clone). */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code?: string | undefined;
  /** `OrderConflictError`'s fields, so the store can throw the same class. */
  readonly conflict?:
    | { kaspiCode: string; expected: string; actual: string | undefined }
    | undefined;
}

/** The worker's answer to one call. */
export type ReplyMessage =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

/** What the worker gets at start. */
export interface WorkerSetup {
  readonly url: string;
  readonly shop: string;
  readonly poolSize: number;
  readonly applicationName: string;
  readonly port: import('node:worker_threads').MessagePort;
  /** Int32 counter the worker bumps after each reply (the caller `Atomics.wait`s on it). */
  readonly signal: SharedArrayBuffer;
}
