/** A kind of scheduled work. `orders` is reserved for the order flow. */
export type JobKind = 'full' | 'refresh' | 'orders';

/** Events of the job queue, for logs. */
export type JobEvent =
  | { readonly type: 'job.start'; readonly kind: JobKind }
  | { readonly type: 'job.end'; readonly kind: JobKind; readonly durationMs: number }
  | { readonly type: 'job.error'; readonly kind: JobKind; readonly error: unknown }
  | { readonly type: 'job.skipped'; readonly kind: JobKind; readonly reason: string };

export interface JobQueueOptions {
  readonly run: (kind: JobKind, signal: AbortSignal) => Promise<void>;
  readonly signal: AbortSignal;
  readonly onEvent?: ((event: JobEvent) => void) | undefined;
}

/**
 * Runs jobs one at a time so runs never overlap. A trigger while busy queues the kind once; a
 * queued full sync makes a queued refresh redundant (the full sync refreshes everything).
 */
export class JobQueue {
  readonly #options: JobQueueOptions;
  readonly #pending: JobKind[] = [];
  #running: Promise<void> | undefined;
  #current: JobKind | undefined;

  constructor(options: JobQueueOptions) {
    this.#options = options;
  }

  get current(): JobKind | undefined {
    return this.#current;
  }

  get pending(): readonly JobKind[] {
    return this.#pending;
  }

  trigger(kind: JobKind): void {
    if (this.#options.signal.aborted) return;
    if (this.#pending.includes(kind)) {
      this.#options.onEvent?.({ type: 'job.skipped', kind, reason: 'already queued' });
      return;
    }
    if (kind === 'refresh' && (this.#pending.includes('full') || this.#current === 'full')) {
      this.#options.onEvent?.({ type: 'job.skipped', kind, reason: 'a full sync covers it' });
      return;
    }
    if (kind === 'full') {
      const refresh = this.#pending.indexOf('refresh');
      if (refresh !== -1) this.#pending.splice(refresh, 1);
    }
    this.#pending.push(kind);
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves when nothing is running or queued. */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #drain(): Promise<void> {
    for (let kind = this.#pending.shift(); kind !== undefined; kind = this.#pending.shift()) {
      if (this.#options.signal.aborted) {
        this.#pending.length = 0;
        return;
      }
      this.#current = kind;
      const started = performance.now();
      this.#options.onEvent?.({ type: 'job.start', kind });
      try {
        await this.#options.run(kind, this.#options.signal);
        this.#options.onEvent?.({
          type: 'job.end',
          kind,
          durationMs: Math.round(performance.now() - started),
        });
      } catch (error) {
        this.#options.onEvent?.({ type: 'job.error', kind, error });
      } finally {
        this.#current = undefined;
      }
    }
  }
}
