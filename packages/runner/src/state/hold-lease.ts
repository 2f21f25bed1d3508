import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Lease,
  LeaseBusyError,
  type LeaseInfo,
  LeaseLostError,
  type LeaseStore,
} from './lease.js';

/** Options of `holdLease`. */
export interface HoldLeaseOptions {
  /** What holds it, for people (`"orders --once"`). */
  readonly holder: string;
  /** Expiry without a heartbeat (ms); default 60 000. A heartbeat runs every third of it. */
  readonly ttlMs?: number | undefined;
  /** Wait for the current holder instead of failing with `LeaseBusyError`. */
  readonly wait?: boolean | undefined;
  /** How often a waiting process retries (ms); default 1000. */
  readonly retryMs?: number | undefined;
  /** Aborts the wait; the heartbeat stops when the lease is released. */
  readonly signal?: AbortSignal | undefined;
  /** Told once while waiting, with the holder. */
  readonly onWaiting?: ((heldBy: LeaseInfo) => void) | undefined;
  /** Told when a stale lease (dead or silent holder) was taken over. */
  readonly onTakeover?: ((previous: LeaseInfo) => void) | undefined;
  /** Told when a heartbeat finds the lease taken over: stop writing. */
  readonly onLost?: ((error: LeaseLostError) => void) | undefined;
}

/** A lease held with a heartbeat. */
export interface HeldLease {
  readonly lease: Lease;
  /** Throws `LeaseLostError` unless the lease is still ours: call it before each side effect. */
  assertHeld(): void;
  /** Stops the heartbeat and gives the lease up. */
  release(): void;
}

/**
 * Takes the store's lease (or waits for it with `wait`) and keeps it alive with a heartbeat.
 * Throws `LeaseBusyError` naming the holder when another live process has it.
 */
export async function holdLease(store: LeaseStore, options: HoldLeaseOptions): Promise<HeldLease> {
  const ttlMs = options.ttlMs ?? 60_000;
  const request = { holder: options.holder, pid: process.pid, host: hostname(), ttlMs };
  let told = false;
  for (;;) {
    options.signal?.throwIfAborted();
    const result = store.acquireLease(request);
    if (result.ok) {
      if (result.tookOver !== undefined) options.onTakeover?.(result.tookOver);
      return keepAlive(store, result.lease, ttlMs, options);
    }
    if (options.wait !== true) throw new LeaseBusyError(result.heldBy);
    if (!told) options.onWaiting?.(result.heldBy);
    told = true;
    await sleep(
      options.retryMs ?? 1000,
      undefined,
      options.signal === undefined ? {} : { signal: options.signal },
    );
  }
}

function keepAlive(
  store: LeaseStore,
  first: Lease,
  ttlMs: number,
  options: HoldLeaseOptions,
): HeldLease {
  let lease = first;
  let lost: LeaseLostError | undefined;
  const renew = (): void => {
    if (lost !== undefined) return;
    const renewal = store.renewLease(lease, ttlMs);
    if (renewal.ok) lease = renewal.lease;
    else {
      lost = new LeaseLostError(renewal.heldBy);
      clearInterval(timer);
      options.onLost?.(lost);
    }
  };
  const timer = setInterval(renew, Math.max(50, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    get lease() {
      return lease;
    },
    assertHeld() {
      // A renewal is one conditional UPDATE: it proves the lease is ours for another `ttlMs`.
      renew();
      if (lost !== undefined) throw lost;
    },
    release() {
      clearInterval(timer);
      if (lost === undefined) store.releaseLease(lease);
    },
  };
}
