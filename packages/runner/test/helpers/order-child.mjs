// The order flow in a child process, for the crash harness (test/orders/crash.test.ts). It runs
// the BUILT runner (dist) so a restart costs a Node start, not a TypeScript compile, and does what
// `kaspi-connect orders` does: take the state's lease (exit 6 when busy, or wait), refuse a lost
// state without freshState (exit 7), stop on a clock skew (exit 9). With ORDER_CHILD.crashAt =
// "reserve:effect#2" it SIGKILLs itself at the 2nd time that boundary is reached, exactly as a
// kill from outside at that moment would; pauseAt blocks the process there for pauseMs.
import { createAlStyleClient } from '@kaspi-connect/alstyle-client';
import { createKaspiClient } from '@kaspi-connect/kaspi-client';
import {
  AlStyleSupplier,
  createClockWatch,
  detectStateLoss,
  holdLease,
  LeaseBusyError,
  runOrderCycle,
  SqliteStateStore,
  StateLostError,
} from '../../dist/orders.js';

const t0 = performance.now();
const cfg = JSON.parse(process.env.ORDER_CHILD ?? '{}');
const [crashName, crashNth] = (cfg.crashAt ?? '').split('#');
const [pauseName, pauseNth] = (cfg.pauseAt ?? '').split('#');
let hits = 0;
let pauses = 0;
const onBoundary = (boundary) => {
  if (boundary === crashName && ++hits === Number(crashNth ?? 1))
    process.kill(process.pid, 'SIGKILL');
  if (boundary === pauseName && ++pauses === Number(pauseNth ?? 1)) {
    process.stdout.write('paused\n');
    // A synchronous stop, as a stalled process would: the other process starts meanwhile.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, cfg.pauseMs ?? 300);
  }
};

const skewMs = cfg.skewMs ?? 0;
const now = () => new Date(Date.now() + skewMs);
const clock = createClockWatch(now);
const store = new SqliteStateStore(cfg.db);
let lease;
try {
  lease = await holdLease(store, {
    holder: `crash child ${process.pid}`,
    ttlMs: 5000,
    wait: cfg.wait === true,
    retryMs: 20,
  });
} catch (error) {
  if (!(error instanceof LeaseBusyError)) throw error;
  process.stderr.write(`${error.message}\n`);
  store.close();
  process.exit(6);
}
detectStateLoss(store, { feedFile: cfg.feedFile });
const alstyle = createAlStyleClient({
  token: cfg.alstyleToken,
  baseUrl: cfg.alstyleUrl,
  rateLimit: { intervalMs: cfg.alstyleIntervalMs, marginMs: 2 },
  retry: { retries: 3, minDelayMs: 5, maxDelayMs: 20, rateLimitRetries: 3, rateLimitBackoffMs: 15 },
  timeoutMs: cfg.timeoutMs,
  fetch: clock.wrapRequestFetch('Al-Style'),
});
const kaspi = createKaspiClient({
  token: cfg.kaspiToken,
  baseUrl: cfg.kaspiUrl,
  rateLimit: false,
  retry: { retries: 3, minDelayMs: 5, maxDelayMs: 20 },
  timeoutMs: cfg.timeoutMs,
  fetch: clock.wrapFetch('Kaspi'),
});
const supplier = new AlStyleSupplier({ client: alstyle, requestSpacingMs: cfg.alstyleIntervalMs });
const config = {
  policy: 'auto',
  pollEveryMinutes: 1,
  overlapMinutes: 10,
  firstPollHours: 1,
  pollStates: ['NEW'],
  outOfStock: 'cancel',
  shippingDaysAhead: 1,
  shippingSkipWeekends: true,
  maxAttempts: cfg.maxAttempts ?? 3,
  belowCost: 'flag',
  watchAcceptedEveryMinutes: 0,
  supplierCancellableStatuses: ['', 'N', 'R'],
  freshStateLookbackDays: 1,
};
process.stdout.write('ready\n');
let exitCode = 3;
let freshState = cfg.freshState === true;
try {
  for (let cycle = 0; cycle < (cfg.maxCycles ?? 12); cycle++) {
    const summary = await runOrderCycle(
      {
        kaspi,
        suppliers: [supplier],
        store,
        config,
        onBoundary,
        now,
        clock,
        assertWriter: () => lease.assertHeld(),
      },
      { freshState },
    );
    freshState = false;
    if (cfg.debug)
      process.stderr.write(
        `cycle ${cycle} ${Math.round(performance.now() - t0)}ms ${JSON.stringify(summary)}\n`,
      );
    if (summary.errors.some((e) => e.includes('ClockSkewError'))) {
      exitCode = 9;
      break;
    }
    if (summary.open === 0 && summary.errors.length === 0 && summary.polledTo !== undefined) {
      exitCode = 0;
      break;
    }
  }
} catch (error) {
  if (!(error instanceof StateLostError)) throw error;
  exitCode = 7;
}
lease.release();
store.close();
process.exit(exitCode);
