import type { Hono } from 'hono';
import type { ConsoleEnv, ConsoleKit } from '../console-kit.js';
import { formatLocalTime } from '../messages.js';
import { runPage, runsPage } from '../pages/runs.js';

/** Runs, one run with its per-SKU changes, and "publish anyway" past a guard refusal. */
export function runRoutes(app: Hono<ConsoleEnv>, kit: ConsoleKit): void {
  const { deps } = kit;
  const findRun = (id: string) => deps.store.recentRuns(1000).find((r) => String(r.id) === id);
  app.get('/runs', (c) =>
    c.html(runsPage(kit.ctxOf(c, kit.must(c)), deps.store.recentRuns(100), kit.flash(c))),
  );
  app.get('/runs/:id', (c) => {
    const run = findRun(c.req.param('id'));
    if (run === undefined) return c.notFound();
    const forced = deps.store.activity
      .consoleActions(200)
      .filter((a) => a.action === 'publish-anyway' && a.target === `run ${run.id}`);
    return c.html(
      runPage(
        kit.ctxOf(c, kit.must(c)),
        run,
        { canPublish: deps.publishAnyway !== undefined, forced },
        kit.flash(c),
      ),
    );
  });
  app.post('/runs/:id/publish', async (c) => {
    const session = kit.must(c);
    const ctx = kit.ctxOf(c, session);
    const form = await c.req.parseBody();
    const run = findRun(c.req.param('id'));
    if (
      run === undefined ||
      run.status !== 'refused' ||
      deps.publishAnyway === undefined ||
      form.confirm !== 'yes'
    )
      return kit.back(c, `/runs/${c.req.param('id')}`, ctx.t('runs.publishUnavailable'));
    deps.publishAnyway(run.mode);
    const at = kit.now();
    deps.store.activity.recordConsoleAction({
      at,
      who: session.user,
      action: 'publish-anyway',
      target: `run ${run.id}`,
      detail: run.summary?.refusals.join('; '),
      outcome: `queued ${run.mode} sync with force`,
    });
    return kit.back(
      c,
      `/runs/${run.id}`,
      ctx.t('runs.publishQueued', {
        who: session.user,
        at: formatLocalTime(at, ctx.language, kit.timeZone),
      }),
    );
  });
}
