import { html } from 'hono/html';
import type { ConsoleActionRecord } from '../../state/activity-store.js';
import { layout, type PageContext } from '../layout.js';
import { formatLocalTime } from '../messages.js';

const SECRET_KEYS = /token|password|secret/i;

/** The config with every secret-looking key masked; secret values found anywhere are masked too. */
export function maskSecrets(value: unknown, secrets: readonly string[], key = ''): unknown {
  if (SECRET_KEYS.test(key) && value !== undefined) return '••••••';
  if (typeof value === 'string')
    return secrets.some((s) => s.length >= 4 && value.includes(s)) ? '••••••' : value;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, secrets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, maskSecrets(v, secrets, k)]),
    );
  }
  return value;
}

/** Settings: the effective config (masked), which secrets are set, and the console's audit log. */
export function settingsPage(
  ctx: PageContext,
  data: {
    readonly config: unknown;
    readonly secretsSet: Readonly<Record<string, boolean>>;
    readonly actions: readonly ConsoleActionRecord[];
  },
) {
  const time = (d: Date) => formatLocalTime(d, ctx.language, ctx.timeZone);
  const body = html`<h1>${ctx.t('settings.title')}</h1><section><ul>${Object.entries(data.secretsSet).map(([name, set]) => html`<li>${name}: ${set ? '••••••' : '—'}</li>`)}</ul><pre class="scroll" id="effective-config">${JSON.stringify(data.config, null, 2)}</pre></section><section><h2>${ctx.t('settings.actions')}</h2><div class="scroll"><table><tbody>${data.actions.map((a) => html`<tr><td>${time(a.at)}</td><td>${a.who}</td><td>${a.action}</td><td>${a.target}</td><td>${a.outcome}</td></tr>`)}</tbody></table></div></section>`;
  return layout(ctx, ctx.t('nav.settings'), body);
}
