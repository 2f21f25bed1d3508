import { html } from 'hono/html';
import type { FeedChangeSummary, RunSummary } from '../../pipeline/run-summary.js';
import type { SkuChange } from '../../pipeline/sku-changes.js';
import type { PageContext } from '../layout.js';

const COUNTS: readonly (keyof FeedChangeSummary)[] = [
  'previousOffers',
  'added',
  'removed',
  'becameAvailable',
  'becameUnavailable',
  'priceChanged',
  'priceChangedBeyondThreshold',
];

function money(value: number | undefined): string {
  return value === undefined ? '' : `${value.toLocaleString('ru-RU')} ₸`;
}

function change(ctx: PageContext, entry: SkuChange) {
  const prices =
    entry.kind === 'price'
      ? `${money(entry.before)} → ${money(entry.after)} (${(entry.movedPercent ?? 0) > 0 ? '+' : ''}${entry.movedPercent ?? 0} %)`
      : money(entry.before ?? entry.after);
  return html`<tr class="${entry.kind === 'removed' || entry.kind === 'became-unavailable' ? 'bad' : ''}"><td><a href="${ctx.base}/products?q=${encodeURIComponent(entry.sku)}">${entry.sku}</a></td><td>${ctx.t(`diff.kind.${entry.kind}`)}</td><td>${prices}</td></tr>`;
}

/** The counts a guard judged and, for a refused run, the per-SKU changes behind them. */
export function runDiff(ctx: PageContext, summary: RunSummary | undefined) {
  const counts = summary?.changes;
  if (counts === undefined) return '';
  const table = html`<table id="run-diff"><tbody>${COUNTS.map((key) => html`<tr><td>${ctx.t(`diff.${key}`)}</td><td>${counts[key]}</td></tr>`)}</tbody></table>`;
  const skus = summary?.skuChanges ?? [];
  if (skus.length === 0) return table;
  const total = summary?.skuChangesTotal ?? skus.length;
  return html`${table}<h2>${ctx.t('diff.skus')}</h2><p class="muted">${ctx.t('diff.shown', { shown: skus.length, total })}</p><section class="scroll"><table id="sku-diff"><tbody>${skus.map((entry) => change(ctx, entry))}</tbody></table></section>`;
}
