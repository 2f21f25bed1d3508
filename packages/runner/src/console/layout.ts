import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { type Language, type MessageKey, translate } from './messages.js';

/** What every page needs to render: language, base path, the session's CSRF token. */
export interface PageContext {
  readonly language: Language;
  readonly base: string;
  readonly csrf: string | undefined;
  readonly user: string | undefined;
  readonly timeZone: string;
  readonly t: (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
}

/** Builds the `PageContext` for one request. */
export function pageContext(
  language: Language,
  base: string,
  session: { csrf: string; user: string } | undefined,
  timeZone: string,
): PageContext {
  return {
    language,
    base,
    csrf: session?.csrf,
    user: session?.user,
    timeZone,
    t: (key, params) => translate(language, key, params),
  };
}

// Mobile first: one column under 700 px, tables scroll sideways instead of overflowing.
const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,sans-serif;color:#1d1d1f;background:#f5f5f7}
header{background:#c8102e;color:#fff;padding:.5rem .75rem;display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center}
header a,header button{color:#fff;text-decoration:none;background:none;border:0;font:inherit;cursor:pointer;padding:.25rem 0}
header strong{margin-right:auto}main{padding:.75rem;max-width:1100px;margin:0 auto}
section{background:#fff;border-radius:8px;padding:.75rem;margin:0 0 .75rem}h1{font-size:1.3rem;margin:.25rem 0 .75rem}h2{font-size:1.05rem;margin:0 0 .5rem}
.grid{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(150px,1fr))}.num{font-size:1.6rem;font-weight:600}
.muted{color:#6e6e73}.bad{color:#b00020}.ok{color:#1b7f3b}.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #eee;vertical-align:top}
form.inline{display:inline-flex;flex-wrap:wrap;gap:.35rem;margin:.2rem 0}input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid #ccc;border-radius:6px}
button{background:#c8102e;color:#fff;border-color:#c8102e;cursor:pointer}button.secondary{background:#fff;color:#c8102e}
.notice{padding:.6rem;border-radius:6px;background:#fff3cd;margin-bottom:.75rem}.chart svg{width:100%;height:160px}figure{margin:0}
@media(max-width:700px){td,th{padding:.3rem .25rem;font-size:14px}.num{font-size:1.3rem}}`;

/** The page frame: header with navigation and the language switch, then the content. */
export function layout(
  ctx: PageContext,
  title: string,
  body: HtmlEscapedString | Promise<HtmlEscapedString>,
  notice?: string,
) {
  const nav =
    ctx.user === undefined
      ? ''
      : html`<a href="${ctx.base}/">${ctx.t('nav.overview')}</a><a href="${ctx.base}/runs">${ctx.t('nav.runs')}</a><a href="${ctx.base}/products">${ctx.t('nav.products')}</a><a href="${ctx.base}/orders">${ctx.t('nav.orders')}</a><a href="${ctx.base}/settings">${ctx.t('nav.settings')}</a><form method="post" action="${ctx.base}/logout" class="inline">${csrfField(ctx)}<button>${ctx.t('nav.logout')}</button></form>`;
  return html`<!doctype html><html lang="${ctx.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · kaspi-connect</title><style>${CSS}</style></head><body><header><strong>kaspi-connect</strong>${nav}<form method="post" action="${ctx.base}/language" class="inline"><input type="hidden" name="to" value="${ctx.language === 'ru' ? 'en' : 'ru'}">${csrfField(ctx)}<button id="switch-language">${ctx.t('nav.language')}</button></form></header><main>${notice === undefined ? '' : html`<p class="notice" role="status">${notice}</p>`}${body}</main></body></html>`;
}

/** The hidden CSRF field of every form. */
export function csrfField(ctx: PageContext) {
  return ctx.csrf === undefined ? '' : html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}
