import { html } from 'hono/html';
import type { NotifyConfig } from '../../config/schema.js';
import { lastKaspiFetch } from '../../liveness/feed-fetch-log.js';
import { livenessOf } from '../../liveness/heartbeat.js';
import type { StateStore } from '../../state/state-store.js';
import { lineChart } from '../charts.js';
import { layout, type PageContext } from '../layout.js';
import { formatLocalTime } from '../messages.js';

const DAY_MS = 86_400_000;

/** Overview: the live feed, Kaspi's last fetch, liveness, next runs, what needs a person, charts. */
export function overviewPage(
  ctx: PageContext,
  data: {
    readonly store: StateStore;
    readonly notify: NotifyConfig;
    readonly nextRuns: readonly Date[];
    readonly now: Date;
  },
  notice?: string,
) {
  const { store, now } = data;
  const time = (date: Date) => formatLocalTime(date, ctx.language, ctx.timeZone);
  const feed = store.lastPublishedFeed();
  const fetch = lastKaspiFetch(store.activity, data.notify.kaspiFetcher);
  const beats = livenessOf(store.activity.heartbeats(), now);
  const last = store.lastRun(undefined, ['published', 'unchanged', 'refused', 'failed']);
  const orders = store.ordersNeedingAttention(20);
  const broken = store.activity
    .outboxHealth()
    .filter(
      (h) =>
        (h.counts.failed ?? 0) + (h.counts.uncertain ?? 0) > 0 ||
        (h.lastError !== undefined && (h.counts.pending ?? 0) > 0),
    );
  const since = new Date(now.getTime() - 30 * DAY_MS);
  const feeds = store.activity.feedHistory(since);
  const runs = store.activity.runDurations(since);
  const attention = [
    ...(last?.status === 'refused' || last?.status === 'failed'
      ? [
          html`<li><a href="${ctx.base}/runs/${last.id}">#${last.id}</a> ${ctx.t(`state.${last.status}`)}: ${last.summary?.refusals.join('; ') || last.summary?.error || ''}</li>`,
        ]
      : []),
    ...orders.map(
      (order) =>
        html`<li><a href="${ctx.base}/orders#order-${order.kaspiCode}">${order.kaspiCode}</a>: ${order.attention?.reason ?? ''} — ${order.attention?.detail ?? ''}</li>`,
    ),
    ...broken.map(
      (h) =>
        html`<li class="bad">${ctx.t('overview.notifyBroken', { channel: h.channel, error: h.lastError ?? '' })}</li>`,
    ),
  ];
  const body = html`<h1>${ctx.t('nav.overview')}</h1>
<section><h2>${ctx.t('overview.feed')}</h2>${
    feed === undefined
      ? html`<p>${ctx.t('overview.noFeed')}</p>`
      : html`<div class="grid"><div><div class="muted">${ctx.t('overview.offers')}</div><div class="num" id="feed-offers">${feed.offers}</div></div><div><div class="muted">${ctx.t('overview.available')}</div><div class="num" id="feed-available">${feed.available}</div></div><div><div class="muted">${ctx.t('overview.lastPublish')}</div><div id="feed-published">${time(feed.publishedAt)}</div></div><div><div class="muted">${ctx.t('overview.kaspiFetch')}</div><div id="kaspi-fetch">${fetch === undefined ? ctx.t('overview.never') : html`${time(fetch.at)}<br><span class="muted">${fetch.ip} · ${fetch.userAgent || '—'}</span>`}</div></div></div>`
  }</section>
<section><h2>${ctx.t('overview.liveness')}</h2>${
    beats.length === 0
      ? html`<p class="muted">—</p>`
      : beats.map(
          (b) =>
            html`<p id="liveness-${b.process}"><strong>${b.process}</strong>: <span class="${b.alive ? 'ok' : 'bad'}">${ctx.t(b.alive ? 'overview.alive' : 'overview.dead')}</span> <span class="muted">(${ctx.t('overview.lastBeat', { ago: ctx.t('time.ago', { n: Math.floor(b.ageMs / 60_000) }) })}, pid ${b.pid})</span></p>`,
        )
  }<h2>${ctx.t('overview.nextRuns')}</h2><p>${data.nextRuns.length === 0 ? '—' : data.nextRuns.map((d) => time(d)).join(' · ')}</p></section>
<section id="attention"><h2>${ctx.t('overview.attention')}</h2>${attention.length === 0 ? html`<p class="ok">${ctx.t('overview.nothing')}</p>` : html`<ul>${attention}</ul>`}</section>
<section>${lineChart(ctx.t('overview.chartOffers'), [
    {
      name: ctx.t('overview.offers'),
      color: '#c8102e',
      points: feeds.map((f) => ({ x: f.at, y: f.offers })),
    },
    {
      name: ctx.t('overview.available'),
      color: '#1b7f3b',
      points: feeds.map((f) => ({ x: f.at, y: f.available })),
    },
  ])}${lineChart(ctx.t('overview.chartDurations'), [
    {
      name: 'full',
      color: '#0057b8',
      points: runs
        .filter((r) => r.mode === 'full')
        .map((r) => ({ x: r.at, y: r.durationMs / 1000 })),
    },
    {
      name: 'refresh',
      color: '#f28c28',
      points: runs
        .filter((r) => r.mode === 'refresh')
        .map((r) => ({ x: r.at, y: r.durationMs / 1000 })),
    },
  ])}</section>`;
  return layout(ctx, ctx.t('nav.overview'), body, notice);
}
