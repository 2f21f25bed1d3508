import { MERCHANT_CANCELLATION_REASONS } from '@kaspi-connect/kaspi-client';
import { html } from 'hono/html';
import type { OrderRecord } from '../../orders/order-record.js';
import type { OrderSummaryRow } from '../../state/activity-store.js';
import { csrfField, layout, type PageContext } from '../layout.js';
import { formatLocalTime } from '../messages.js';

function actionForm(
  ctx: PageContext,
  code: string,
  action: string,
  label: string,
  fields: unknown = '',
) {
  return html`<form method="post" action="${ctx.base}/orders/${encodeURIComponent(code)}/${action}" class="inline" data-action="${action}">${csrfField(ctx)}${fields}<button>${label}</button></form>`;
}

/** The buttons that fit an order's state. */
function actions(ctx: PageContext, order: OrderRecord, canAct: boolean) {
  if (!canAct) return '';
  const code = order.kaspiCode;
  if (order.state === 'attention') {
    const reasons = MERCHANT_CANCELLATION_REASONS.map(
      (r) => html`<option value="${r}">${r}</option>`,
    );
    return html`${actionForm(ctx, code, 'retry', ctx.t('orders.retry'))}${actionForm(ctx, code, 'cancel', ctx.t('orders.cancel'), html`<select name="reason" aria-label="${ctx.t('orders.cancelReason')}">${reasons}</select>`)}${actionForm(ctx, code, 'handled', ctx.t('orders.handled'), html`<select name="outcome"><option value="accepted">accepted</option><option value="cancelled">cancelled</option></select><input name="note" required placeholder="${ctx.t('orders.handledNote')}" aria-label="${ctx.t('orders.handledNote')}">`)}`;
  }
  if (order.state === 'accepted') {
    return html`${actionForm(ctx, code, 'assemble', ctx.t('orders.assemble'), html`<input name="places" type="number" min="1" max="99" value="1" aria-label="${ctx.t('orders.assemble')}" style="width:5em">`)}${actionForm(ctx, code, 'send-code', ctx.t('orders.sendCode'))}${actionForm(ctx, code, 'complete', ctx.t('orders.complete'), html`<input name="code" inputmode="numeric" required placeholder="${ctx.t('orders.code')}" aria-label="${ctx.t('orders.code')}" style="width:7em">`)}`;
  }
  return '';
}

function orderCard(ctx: PageContext, order: OrderRecord, canAct: boolean) {
  const time = (d: Date) => formatLocalTime(d, ctx.language, ctx.timeZone);
  return html`<section id="order-${order.kaspiCode}" class="order" data-state="${order.state}"><h2>${order.kaspiCode} <span class="muted">${order.state}</span></h2><p class="muted">${time(order.createdAt)} · ${order.lines.map((l) => `${l.sku} × ${l.quantity}`).join(', ')}</p>${order.attention === undefined ? '' : html`<p><strong>${ctx.t('orders.reason')}:</strong> ${order.attention.reason} — ${order.attention.detail}</p>`}${order.note === undefined ? '' : html`<p class="muted">${order.note}</p>`}${actions(ctx, order, canAct)}</section>`;
}

/** Orders: those needing a person with their actions, then today's orders. */
export function ordersPage(
  ctx: PageContext,
  data: {
    readonly attention: readonly OrderRecord[];
    readonly today: readonly OrderSummaryRow[];
    readonly find: (code: string) => OrderRecord | undefined;
    readonly canAct: boolean;
  },
  notice?: string,
) {
  const attentionCodes = new Set(data.attention.map((o) => o.kaspiCode));
  const today = data.today
    .filter((row) => !attentionCodes.has(row.kaspiCode))
    .map((row) => data.find(row.kaspiCode))
    .filter((order): order is OrderRecord => order !== undefined);
  const body = html`<h1>${ctx.t('orders.title')}</h1>${data.canAct ? '' : html`<p class="muted">${ctx.t('orders.unavailable')}</p>`}<h2>${ctx.t('orders.attention')}</h2>${data.attention.length === 0 ? html`<section><p class="ok">${ctx.t('orders.none')}</p></section>` : data.attention.map((o) => orderCard(ctx, o, data.canAct))}<h2>${ctx.t('orders.today')}</h2>${today.length === 0 ? html`<section><p>${ctx.t('orders.none')}</p></section>` : today.map((o) => orderCard(ctx, o, data.canAct))}`;
  return layout(ctx, ctx.t('orders.title'), body, notice);
}
