import { html } from 'hono/html';
import type { SkuHistoryPoint, SkuSearchResult } from '../../state/activity-store.js';
import { lineChart } from '../charts.js';
import { layout, type PageContext } from '../layout.js';
import type { SkippedRow } from '../skipped.js';

const SHOWN_PER_REASON = 50;

/** Products: search, skipped products grouped by reason, one SKU's price and stock history. */
export function productsPage(
  ctx: PageContext,
  data: {
    readonly query: string;
    readonly reason: string | undefined;
    readonly found: readonly SkuSearchResult[];
    readonly skipped: readonly SkippedRow[];
    readonly sku: string | undefined;
    readonly history: readonly SkuHistoryPoint[];
  },
) {
  const byReason = new Map<string, SkippedRow[]>();
  for (const row of data.skipped) {
    const list = byReason.get(row.reason) ?? [];
    list.push(row);
    byReason.set(row.reason, list);
  }
  const q = data.query.toLowerCase();
  const skippedMatch = (row: SkippedRow) =>
    q === '' || `${row.key} ${row.name} ${row.brand}`.toLowerCase().includes(q);
  const groups = [...byReason]
    .filter(([reason]) => data.reason === undefined || reason === data.reason)
    .map(([reason, rows]) => {
      const shown = rows.filter(skippedMatch);
      return html`<details id="skipped-${reason}" ${data.reason === reason || q !== '' ? 'open' : ''}><summary><strong>${reason}</strong> — ${rows.length}</summary><div class="scroll"><table><tbody>${shown
        .slice(0, SHOWN_PER_REASON)
        .map(
          (row) =>
            html`<tr><td>${row.supplier}:${row.key}</td><td>${row.name}</td><td>${row.brand}</td></tr>`,
        )}</tbody></table></div>${shown.length > SHOWN_PER_REASON ? html`<p class="muted">… ${shown.length - SHOWN_PER_REASON}</p>` : ''}</details>`;
    });
  const history =
    data.sku === undefined
      ? ''
      : html`<section id="sku-history"><h2>${ctx.t('products.history', { sku: data.sku })}</h2>${
          data.history.length === 0
            ? html`<p class="muted">${ctx.t('products.noHistory')}</p>`
            : html`${lineChart(ctx.t('products.price'), [{ name: ctx.t('products.price'), color: '#c8102e', points: data.history.map((p) => ({ x: p.at, y: p.price })) }])}${lineChart(ctx.t('products.stock'), [{ name: ctx.t('products.stock'), color: '#1b7f3b', points: data.history.map((p) => ({ x: p.at, y: p.stockCount })) }])}`
        }</section>`;
  const body = html`<h1>${ctx.t('products.title')}</h1><section><form method="get" action="${ctx.base}/products" class="inline"><input type="search" name="q" value="${data.query}" placeholder="${ctx.t('products.search')}" aria-label="${ctx.t('products.search')}"><button>${ctx.t('products.find')}</button></form>${
    data.found.length === 0
      ? ''
      : html`<div class="scroll"><table id="found"><tbody>${data.found.map(
          (row) =>
            html`<tr><td><a href="${ctx.base}/products?sku=${encodeURIComponent(row.sku)}&q=${encodeURIComponent(data.query)}">${row.sku}</a></td><td>${row.model}</td><td>${row.brand}</td><td>${row.price} ₸</td><td>${row.available ? row.stockCount : '—'}</td><td class="muted">${row.retired ? ctx.t('products.retired') : ''}</td></tr>`,
        )}</tbody></table></div>`
  }</section>${history}<section id="skipped"><h2>${ctx.t('products.skipped')}</h2>${groups.length === 0 ? html`<p>${ctx.t('products.skippedNone')}</p>` : groups}</section>`;
  return layout(ctx, ctx.t('products.title'), body);
}
