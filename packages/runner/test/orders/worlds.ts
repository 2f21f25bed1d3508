import type { SimulatedOrder } from '@kaspi-connect/kaspi-client/testing';
import { type ChildOptions, type ChildRun, rng, runChild, type Scenario } from './harness.js';

/** The worlds operations bring, beyond one process with an intact DB. */
export type World =
  | 'kills'
  | 'two-process'
  | 'lost-db'
  | 'after-acceptance'
  | 'clock-skew'
  | 'stock-drop';

/** Scenarios cycle through these (two processes twice: it has the most timings to cover). */
export const WORLDS: readonly World[] = [
  'two-process',
  'lost-db',
  'two-process',
  'after-acceptance',
  'clock-skew',
  'stock-drop',
  'kills',
];

/** What the worlds tell the tally. */
export interface WorldReport {
  children: number;
  randomKills: number;
  problems: string[];
  /** Exit codes the world expects besides 0 and 3 (busy 6, state lost 7, clock 9). */
  readonly allowed: Set<number>;
}

const MINUTE = 60_000;

/** Runs a child and checks its exit code against what the world allows. */
export async function child(
  scenario: Scenario,
  options: ChildOptions,
  report: WorldReport,
  label: string,
): Promise<ChildRun> {
  const run = await runChild(scenario, options);
  report.children++;
  if (run.killed) {
    if (options.killAfterMs !== undefined) report.randomKills++;
  } else if (![0, 3, ...report.allowed].includes(run.code ?? -1)) {
    report.problems.push(`${label}: child exited ${run.code}: ${run.stderr.slice(0, 400)}`);
  }
  return run;
}

/** Two runner processes on one state dir, whatever the timing. */
export async function twoProcesses(
  scenario: Scenario,
  random: () => number,
  report: WorldReport,
): Promise<void> {
  report.allowed.add(6);
  const variant = Math.floor(random() * 3);
  if (variant === 0) {
    // B starts while A is stopped right after recording `reserving` (its submit not yet sent).
    let second: Promise<ChildRun> | undefined;
    const wait = random() < 0.5;
    const first = child(
      scenario,
      {
        pauseAt: 'reserve:started#1',
        pauseMs: 1500 + Math.floor(random() * 1000),
        onPaused: () => {
          second ??= child(scenario, { wait }, report, 'second process');
        },
      },
      report,
      'first process',
    );
    await first;
    const b = await (second ?? Promise.resolve(undefined));
    if (b !== undefined && !wait && b.code !== 6 && b.code !== 0 && b.code !== 3)
      report.problems.push(`second process exited ${b.code} instead of busy`);
  } else {
    // Both at once, one killed at a random moment; the waiting one takes over the stale lease.
    const killA = random() < 0.7 ? Math.floor(random() * 300) : undefined;
    await Promise.all([
      child(scenario, { killAfterMs: killA }, report, 'process A'),
      child(
        scenario,
        {
          wait: variant === 1,
          killAfterMs: random() < 0.3 ? Math.floor(random() * 400) : undefined,
        },
        report,
        'process B',
      ),
    ]);
  }
}

/** The DB is deleted between cycles: the runner must refuse, then rebuild with freshState. */
export async function lostDatabase(
  scenario: Scenario,
  random: () => number,
  report: WorldReport,
): Promise<void> {
  report.allowed.add(7);
  await child(scenario, { killAfterMs: Math.floor(random() * 300) }, report, 'before the loss');
  // The loss strikes mid-flight: a reservation made, its Kaspi order not yet accepted.
  const crashAt = ['reserve:effect#1', 'reserve:done#1', 'accept:started#1', undefined][
    Math.floor(random() * 4)
  ];
  await child(scenario, { crashAt }, report, 'before the loss');
  scenario.loseDatabase();
  const refused = await child(scenario, {}, report, 'after the loss');
  if (refused.code !== 7)
    report.problems.push(`a lost DB was not refused: exit ${refused.code} ${refused.stderr}`);
  if (random() < 0.5) scenario.addOrder(random);
  const kill = random() < 0.5 ? Math.floor(random() * 300) : undefined;
  await child(scenario, { freshState: true, killAfterMs: kill }, report, 'fresh state');
}

/** Kaspi cancels or returns accepted orders; sometimes the supplier has already shipped. */
export async function afterAcceptance(
  scenario: Scenario,
  random: () => number,
  report: WorldReport,
): Promise<void> {
  await child(scenario, {}, report, 'accept');
  const accepted = scenario.kaspi.orders().filter((o) => o.status === 'ACCEPTED_BY_MERCHANT');
  for (const order of accepted) {
    if (random() < 0.3) continue;
    const supplier = scenario.alstyle.orders.find(
      (s) => s.externalId === order.code && s.status !== 'DA',
    );
    if (supplier !== undefined && random() < 0.25)
      scenario.alstyle.setOrderStatus(supplier.id, 'F');
    undo(scenario, order, random());
  }
  for (let i = 0; i < 2; i++)
    await child(scenario, { killAfterMs: Math.floor(random() * 300) }, report, 'after undo');
}

function undo(scenario: Scenario, order: SimulatedOrder, pick: number): void {
  if (pick < 0.4) scenario.kaspi.cancelByKaspi(order.code);
  else if (pick < 0.7) scenario.kaspi.startCancelling(order.code);
  else scenario.kaspi.returnByKaspi(order.code);
}

/** The runner's clock is 30 min off: it must stop polling, and miss nothing once fixed. */
export async function clockSkew(
  scenario: Scenario,
  random: () => number,
  report: WorldReport,
): Promise<void> {
  report.allowed.add(9);
  await child(scenario, {}, report, 'before the skew');
  const skewMs = (random() < 0.5 ? 30 : -30) * MINUTE;
  const run = await child(scenario, { skewMs }, report, 'skewed');
  if (!run.killed && run.code !== 9)
    report.problems.push(`a ${skewMs / MINUTE} min skew was not stopped: exit ${run.code}`);
  // Orders keep arriving while the clock is wrong.
  scenario.addOrder(random);
  scenario.addOrder(random);
}

/** Stock drops as orders arrive (the simulator also takes ordered units from stock). */
export async function stockDrop(
  scenario: Scenario,
  random: () => number,
  report: WorldReport,
): Promise<void> {
  for (let i = 0; i < 3; i++) {
    for (const product of scenario.alstyle.catalogue.products.slice(1, 6)) {
      const mutable = product as { quantity: number | string };
      if (random() < 0.4) mutable.quantity = Math.floor(random() * 3);
    }
    scenario.addOrder(random);
    await child(scenario, { killAfterMs: Math.floor(random() * 300) }, report, 'stock drop');
  }
}

/** Runs the world's own part of a scenario. */
export function playWorld(
  world: World,
  scenario: Scenario,
  seed: number,
  report: WorldReport,
): Promise<void> {
  const random = rng(seed * 104_729);
  switch (world) {
    case 'two-process':
      return twoProcesses(scenario, random, report);
    case 'lost-db':
      return lostDatabase(scenario, random, report);
    case 'after-acceptance':
      return afterAcceptance(scenario, random, report);
    case 'clock-skew':
      return clockSkew(scenario, random, report);
    case 'stock-drop':
      return stockDrop(scenario, random, report);
    default:
      return Promise.resolve();
  }
}
