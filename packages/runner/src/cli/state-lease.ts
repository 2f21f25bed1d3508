import type { ArgsDef } from 'citty';
import type { Runtime } from '../commands/runtime.js';
import { ExitCode } from '../exit-codes.js';
import type { Logger } from '../logging/logger.js';
import { detectStateLoss, StateLostError } from '../orders/fresh-state.js';
import { type HeldLease, holdLease } from '../state/hold-lease.js';
import { LeaseBusyError } from '../state/lease.js';

/** `--wait` of every command that writes state. */
export const waitArg = {
  wait: {
    type: 'boolean',
    description: `Wait while another kaspi-connect process writes this state (default: exit with code ${ExitCode.Busy})`,
  },
} as const satisfies ArgsDef;

/** `--fresh-state` of the commands that run the order flow. */
export const freshStateArg = {
  'fresh-state': {
    type: 'boolean',
    description:
      "The state database was lost: import the supplier's recent orders before handling orders",
  },
} as const satisfies ArgsDef;

/** What a state-writing command body gets. */
export interface LeasedContext {
  /** Aborted on SIGINT/SIGTERM and when the lease is lost. */
  readonly signal: AbortSignal;
  readonly lease: HeldLease;
  /** Why the state looks lost (a new database next to a published feed), if it does. */
  readonly stateLost: string | undefined;
}

/**
 * Runs a command that writes state under the store's lease: one writer per state. A second writer
 * exits with `ExitCode.Busy` naming the holder (or waits with `--wait`); a lost lease aborts the
 * body's signal; a state that looks lost is reported (the order flow refuses it).
 */
export async function withStateLease(
  runtime: Runtime,
  options: {
    readonly holder: string;
    readonly wait?: boolean | undefined;
    readonly signal: AbortSignal;
    readonly logger: Logger;
  },
  body: (context: LeasedContext) => Promise<number>,
): Promise<number> {
  const lost = new AbortController();
  let lease: HeldLease;
  try {
    lease = await holdLease(runtime.store, {
      holder: options.holder,
      wait: options.wait,
      signal: options.signal,
      onWaiting: (heldBy) =>
        options.logger.warn(
          { holder: heldBy.holder, pid: heldBy.pid, host: heldBy.host },
          `waiting for "${heldBy.holder}" (pid ${heldBy.pid} on ${heldBy.host}) to release the state`,
        ),
      onTakeover: (previous) =>
        options.logger.warn(
          { holder: previous.holder, pid: previous.pid, host: previous.host },
          `took over the state lease of "${previous.holder}" (pid ${previous.pid} on ${previous.host}): it is no longer running or stopped renewing it`,
        ),
      onLost: (error) => {
        options.logger.error({ error: error.message }, error.message);
        lost.abort(error);
      },
    });
  } catch (error) {
    if (error instanceof LeaseBusyError) {
      process.stderr.write(`kaspi-connect: ${error.message}\n`);
      return ExitCode.Busy;
    }
    if (options.signal.aborted) return ExitCode.Interrupted;
    throw error;
  }
  try {
    const stateLost = detectStateLoss(runtime.store, {
      feedFile: runtime.publisher.currentPath,
      historyDir: runtime.publisher.historyDir,
    });
    if (stateLost !== undefined) {
      options.logger.warn({ reason: stateLost }, `${new StateLostError(stateLost).message}`);
    }
    const code = await body({
      signal: AbortSignal.any([options.signal, lost.signal]),
      lease,
      stateLost,
    });
    // Stopped because another writer took the state over: that is "busy", not success.
    return lost.signal.aborted ? ExitCode.Busy : code;
  } catch (error) {
    if (error instanceof StateLostError) {
      process.stderr.write(`kaspi-connect: ${error.message}\n`);
      return ExitCode.StateLost;
    }
    throw error;
  } finally {
    lease.release();
  }
}
