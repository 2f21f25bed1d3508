import { html } from 'hono/html';
import type { ConsoleActionRecord } from '../../state/activity-store.js';
import type { RunRecord } from '../../state/state-store.js';
import { csrfField, layout, type PageContext } from '../layout.js';
import { formatLocalTime } from '../messages.js';
import { runDiff } from './run-diff.js';

function timings(run: RunRecord): string {
  const t = run.summary?.timingsMs ?? {};
  const total =
    run.finishedAt === undefined ? undefined : run.finishedAt.getTime() - run.startedAt.getTime();
  return [
    ...(total === undefined ? [] : [`${(total / 1000).toFixed(1)} s`]),
    ...Object.entries(t).map(([k, ms]) => `${k} ${ms} ms`),
  ].join(', ');
}

function changes(run: RunRecord): string {
  const c = run.summary?.changes;
  if (c === undefined) return '';
  return `+${c.added} −${c.removed}, ↑${c.becameAvailable} ↓${c.becameUnavailable}, ₸ ${c.priceChanged} (>${c.priceChangedBeyondThreshold})`;
}

/** Runs: each run's outcome, reason, timings and changes. */
export function runsPage(ctx: PageContext, runs: readonly RunRecord[], notice?: string) {
  const time = (d: Date) => formatLocalTime(d, ctx.language, ctx.timeZone);
  const rows = runs.map(
    (run) =>
      html`<tr id="run-${run.id}"><td><a href="${ctx.base}/runs/${run.id}">#${run.id}</a></td><td>${run.mode}</td><td class="${run.status === 'refused' || run.status === 'failed' ? 'bad' : ''}">${ctx.t(`state.${run.status}`)}</td><td>${time(run.startedAt)}</td><td>${run.summary?.offers ?? '—'}</td><td>${run.summary?.refusals.join('; ') || run.summary?.error || ''}</td><td>${changes(run)}</td><td class="muted">${timings(run)}</td></tr>`,
  );
  const body = html`<h1>${ctx.t('runs.title')}</h1><section class="scroll"><table><thead><tr><th>#</th><th></th><th>${ctx.t('runs.outcome')}</th><th></th><th>${ctx.t('overview.offers')}</th><th>${ctx.t('runs.reason')}</th><th>${ctx.t('runs.changes')}</th><th>${ctx.t('runs.timings')}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
  return layout(ctx, ctx.t('runs.title'), body, notice);
}

/** One run; a refused one shows what would have changed and offers "publish anyway". */
export function runPage(
  ctx: PageContext,
  run: RunRecord,
  options: { readonly canPublish: boolean; readonly forced: readonly ConsoleActionRecord[] },
  notice?: string,
) {
  const time = (d: Date) => formatLocalTime(d, ctx.language, ctx.timeZone);
  const s = run.summary;
  const diff = runDiff(ctx, s);
  const publish =
    run.status !== 'refused'
      ? ''
      : options.canPublish
        ? html`<form method="post" action="${ctx.base}/runs/${run.id}/publish" id="publish-anyway">${csrfField(ctx)}<label><input type="checkbox" name="confirm" value="yes" required> ${ctx.t('runs.publishConfirm')}</label><br><button>${ctx.t('runs.publishAnyway')}</button></form>`
        : html`<p class="muted">${ctx.t('runs.publishUnavailable')}</p>`;
  const body = html`<h1>#${run.id} ${run.mode} — ${ctx.t(`state.${run.status}`)}</h1><section><p>${time(run.startedAt)}${run.finishedAt === undefined ? '' : ` → ${time(run.finishedAt)}`}</p><p>${ctx.t('overview.offers')}: ${s?.offers ?? '—'} · ${ctx.t('overview.available')}: ${s?.available ?? '—'}</p>${(s?.refusals.length ?? 0) > 0 ? html`<h2>${ctx.t('runs.reason')}</h2><ul id="refusals">${s?.refusals.map((r) => html`<li>${r}</li>`)}</ul>` : ''}${s?.error === undefined ? '' : html`<p class="bad">${s.error}</p>`}<h2>${ctx.t('runs.refusedDiff')}</h2>${diff}<p class="muted">${timings(run)}</p>${options.forced.map((a) => html`<p class="notice">${ctx.t('runs.forced', { who: a.who, at: time(a.at) })} — ${a.outcome}</p>`)}${publish}</section>`;
  return layout(ctx, `#${run.id}`, body, notice);
}
