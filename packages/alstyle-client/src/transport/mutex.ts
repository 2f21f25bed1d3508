/**
 * A lock around the shared cart. The built-in one is process-wide; pass your own (e.g. a file or
 * database lock) to `createAlStyleClient({ cartLock })` when several processes share a token.
 */
export interface CartLock {
  /** Runs `task` while holding the lock; stops waiting when `signal` aborts. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/**
 * A FIFO lock. Hand-written because it is a dozen lines and the cart flow needs exactly this:
 * one holder, waiters in order, abortable waits.
 */
export class Mutex implements CartLock {
  #tail: Promise<void> = Promise.resolve();

  /** Runs `task` once every earlier holder has finished; stops waiting when `signal` aborts. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await (signal ? waitOrAbort(previous, signal) : previous);
      return await task();
    } finally {
      // If we gave up waiting, still release only after the previous holder finishes.
      void previous.then(release);
    }
  }
}

/** Waits for `promise`, rejecting early on abort; always removes its listener. */
function waitOrAbort(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

const locks = new Map<string, Mutex>();

/** The process-wide cart lock for one token and host. */
export function getCartMutex(scopeKey: string): Mutex {
  const lock = locks.get(scopeKey) ?? new Mutex();
  locks.set(scopeKey, lock);
  return lock;
}
