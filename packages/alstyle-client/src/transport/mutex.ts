/**
 * A FIFO lock. Hand-written because it is a dozen lines and the cart flow needs exactly this:
 * one holder, waiters in order, abortable waits.
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Runs `task` once every earlier holder has finished. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await (signal ? Promise.race([previous, abortPromise(signal)]) : previous);
      return await task();
    } finally {
      // If we gave up waiting, still release only after the previous holder finishes.
      void previous.then(release);
    }
  }
}

function abortPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

const locks = new Map<string, Mutex>();

/** The process-wide cart lock for one token and host. */
export function getCartMutex(scopeKey: string): Mutex {
  let lock = locks.get(scopeKey);
  if (!lock) {
    lock = new Mutex();
    locks.set(scopeKey, lock);
  }
  return lock;
}
