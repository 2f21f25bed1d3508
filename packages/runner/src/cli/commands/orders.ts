import { defineCommand } from 'citty';
import { startOrderSchedule } from '../../commands/order-schedule.js';
import { runOrdersOnce } from '../../commands/orders.js';
import type { Runtime } from '../../commands/runtime.js';
import { ExitCode } from '../../exit-codes.js';
import type { Logger } from '../../logging/logger.js';
import type { OrderCycleSummary } from '../../orders/order-flow.js';
import { kaspiClientFor } from '../../runtime/api-clients.js';
import { formatOrderSummary } from '../format/orders.js';
import { writeResult } from '../format/output.js';
import { commonArgs, guarded, loadConfigFor, withRuntime } from '../shared.js';
import { freshStateArg, waitArg, withStateLease } from '../state-lease.js';

/** One summary line per cycle: for people on a terminal, JSON otherwise. */
function printSummary(summary: OrderCycleSummary): void {
  writeResult(summary, { json: !process.stdout.isTTY, pretty: false }, () =>
    formatOrderSummary(summary),
  );
}

interface OrdersLoop {
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly assertWriter: () => void;
  readonly freshState: boolean;
}

/**
 * The service's order loop until a signal stops it (130). A cycle that throws (a lost state, a
 * wrong clock) stops the loop and its error decides the exit code, as with `--once`.
 */
async function pollUntilStopped(runtime: Runtime, loop: OrdersLoop): Promise<number> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(loop.signal.reason);
  loop.signal.addEventListener('abort', onAbort, { once: true });
  let fatal: { error: unknown } | undefined;
  const queue = startOrderSchedule(runtime, kaspiClientFor(runtime, { signal: loop.signal }), {
    signal: stop.signal,
    logger: loop.logger,
    assertWriter: loop.assertWriter,
    freshState: loop.freshState,
    everyMs: runtime.resolved.config.orders.pollEveryMinutes * 60_000,
    onCycle: printSummary,
    onCycleError: (error) => {
      fatal = { error };
      stop.abort(error);
    },
  });
  if (!stop.signal.aborted) {
    await new Promise<void>((resolve) =>
      stop.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  }
  await queue.idle();
  loop.signal.removeEventListener('abort', onAbort);
  if (fatal !== undefined) throw fatal.error;
  return ExitCode.Interrupted;
}

/** `kaspi-connect orders`: `--once` exits 1 when the cycle recorded errors. */
export const ordersCommand = defineCommand({
  meta: {
    name: 'orders',
    description:
      'Handle Kaspi orders by orders.policy: reconcile, poll, check stock, reserve at the supplier, accept or cancel',
  },
  args: {
    ...commonArgs,
    once: {
      type: 'boolean',
      description: 'One cycle, then exit (default: poll every orders.pollEveryMinutes)',
    },
    ...waitArg,
    ...freshStateArg,
  },
  run: ({ args }) =>
    guarded(async () => {
      const resolved = await loadConfigFor(args);
      if (resolved.config.orders.policy === 'off') {
        process.stderr.write(
          'orders.policy is "off": set it to "manual" or "auto" in the config.\n',
        );
        return ExitCode.Config;
      }
      return withRuntime(
        resolved,
        args,
        { withSuppliers: true },
        async ({ signal: shutdown, logger, runtime }) =>
          withStateLease(
            runtime,
            {
              holder: args.once === true ? 'orders --once' : 'orders',
              wait: args.wait,
              signal: shutdown,
              logger,
            },
            async ({ signal, lease }) => {
              const loop = {
                signal,
                logger,
                assertWriter: () => lease.assertHeld(),
                freshState: args['fresh-state'] === true,
              };
              if (args.once !== true) return pollUntilStopped(runtime, loop);
              const summary = await runOrdersOnce(
                runtime,
                kaspiClientFor(runtime, { signal }),
                loop,
              );
              printSummary(summary);
              return summary.errors.length > 0 ? ExitCode.Failure : ExitCode.Ok;
            },
          ),
      );
    }),
});
