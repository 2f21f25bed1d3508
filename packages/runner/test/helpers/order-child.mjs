// The order flow in a child process, for the crash harness (test/orders/crash.test.ts). It runs
// the BUILT runner (dist) so a restart costs a Node start, not a TypeScript compile. With
// ORDER_CHILD.crashAt = "reserve:effect#2" it SIGKILLs itself at the 2nd time that boundary is
// reached, exactly as a kill from outside at that moment would.
import { createAlStyleClient } from '@kaspi-connect/alstyle-client';
import { createKaspiClient } from '@kaspi-connect/kaspi-client';
import { AlStyleSupplier, runOrderCycle, SqliteStateStore } from '../../dist/orders.js';

const t0 = performance.now();
const cfg = JSON.parse(process.env.ORDER_CHILD ?? '{}');
const [crashName, crashNth] = (cfg.crashAt ?? '').split('#');
let hits = 0;
const onBoundary = (boundary) => {
  if (boundary === crashName && ++hits === Number(crashNth ?? 1))
    process.kill(process.pid, 'SIGKILL');
};

const store = new SqliteStateStore(cfg.db);
const alstyle = createAlStyleClient({
  token: cfg.alstyleToken,
  baseUrl: cfg.alstyleUrl,
  rateLimit: { intervalMs: cfg.alstyleIntervalMs, marginMs: 2 },
  retry: { retries: 3, minDelayMs: 5, maxDelayMs: 20, rateLimitRetries: 3, rateLimitBackoffMs: 15 },
  timeoutMs: cfg.timeoutMs,
});
const kaspi = createKaspiClient({
  token: cfg.kaspiToken,
  baseUrl: cfg.kaspiUrl,
  rateLimit: false,
  retry: { retries: 3, minTimeout: 5, maxTimeout: 20 },
  timeoutMs: cfg.timeoutMs,
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
};
process.stdout.write('ready\n');
let exitCode = 3;
for (let cycle = 0; cycle < (cfg.maxCycles ?? 12); cycle++) {
  const summary = await runOrderCycle({ kaspi, suppliers: [supplier], store, config, onBoundary });
  if (cfg.debug)
    process.stderr.write(
      `cycle ${cycle} ${Math.round(performance.now() - t0)}ms ${JSON.stringify(summary)}\n`,
    );
  if (summary.open === 0 && summary.errors.length === 0 && summary.polledTo !== undefined) {
    exitCode = 0;
    break;
  }
}
store.close();
process.exit(exitCode);
