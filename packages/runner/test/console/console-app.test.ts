import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { createConsoleApp } from '../../src/console/console-app.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { attentionOrder } from '../helpers/attention-order.js';
import { baseConfigInput } from '../helpers/config.js';

const PASSWORD = 'unit-console-password';
const ORIGIN = 'http://console.test';

function setup(consoleConfig: Record<string, unknown> = {}) {
  const store = new SqliteStateStore(':memory:');
  const parsed = parseConfig(
    { ...baseConfigInput, console: consoleConfig, notify: { telegram: { chatId: '1' } } },
    {
      CONSOLE_PASSWORD: PASSWORD,
      TELEGRAM_BOT_TOKEN: '999:telegram-secret-token',
      ALSTYLE_TOKEN: 'alstyle-secret-token',
    },
  );
  const app = createConsoleApp({
    store,
    resolved: { ...parsed, baseDir: '/tmp' },
    password: PASSWORD,
  });
  const env = (ip = '10.1.1.1') => ({ incoming: { socket: { remoteAddress: ip } } });
  const request = (path: string, init: RequestInit = {}, ip?: string) =>
    app.request(
      `${ORIGIN}/console${path}`,
      { ...init, headers: { Origin: ORIGIN, ...init.headers } },
      env(ip) as never,
    );
  const post = (path: string, form: Record<string, string>, cookie = '', ip?: string) =>
    request(
      path,
      {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      },
      ip,
    );
  const login = async () => {
    const response = await post('/login', { username: 'admin', password: PASSWORD });
    const cookie = response.headers.get('set-cookie') ?? '';
    return { response, cookie: cookie.split(';')[0] ?? '' };
  };
  const csrfOf = async (cookie: string, path = '/orders') => {
    const page = await (await request(path, { headers: { Cookie: cookie } })).text();
    return /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  };
  return { store, request, post, login, csrfOf };
}

describe('console app', () => {
  it('sends visitors without a session to the login page', async () => {
    const { request } = setup();
    const response = await request('/orders');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console/login');
  });

  it('sets an HttpOnly SameSite=Strict cookie, Secure behind a TLS proxy that says so', async () => {
    const plain = await setup().login();
    expect(plain.response.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(plain.response.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
    expect(plain.response.headers.get('set-cookie')).not.toMatch(/Secure/);
    const proxied = setup({ trustProxy: true });
    const response = await proxied.request('/login', {
      method: 'POST',
      body: new URLSearchParams({ username: 'admin', password: PASSWORD }),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Forwarded-Proto': 'https',
      },
    });
    expect(response.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('refuses an action without the session CSRF token, or from another origin, and changes nothing', async () => {
    const { store, post, login, csrfOf, request } = setup();
    store.saveOrder(attentionOrder('900001'));
    const { cookie } = await login();
    expect(
      (await post('/orders/900001/handled', { outcome: 'cancelled', note: 'x' }, cookie)).status,
    ).toBe(403);
    expect(
      (
        await post(
          '/orders/900001/handled',
          { outcome: 'cancelled', note: 'x', _csrf: 'forged' },
          cookie,
        )
      ).status,
    ).toBe(403);
    const csrf = await csrfOf(cookie);
    const foreign = await request('/orders/900001/handled', {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'cancelled', note: 'x', _csrf: csrf }),
      headers: {
        Cookie: cookie,
        Origin: 'http://evil.test',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    });
    expect(foreign.status).toBe(403);
    expect(store.findOrder('900001')?.state).toBe('attention');
    const ok = await post(
      '/orders/900001/handled',
      { outcome: 'cancelled', note: 'refunded by phone', _csrf: csrf },
      cookie,
    );
    expect(ok.status).toBe(303);
    expect(store.findOrder('900001')).toMatchObject({
      state: 'cancelled',
      note: 'handled by admin: refunded by phone',
    });
    expect(store.orderSteps('900001').at(-1)?.detail).toBe('handled by admin: refunded by phone');
  });

  it('throttles failed logins per address, and the right password waits too', async () => {
    const { post } = setup({ maxLoginAttempts: 3 });
    for (let i = 0; i < 3; i++)
      expect((await post('/login', { username: 'admin', password: 'nope' })).status).toBe(401);
    const blocked = await post('/login', { username: 'admin', password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toMatch(/Слишком много попыток/);
    expect(
      (await post('/login', { username: 'admin', password: PASSWORD }, '', '10.9.9.9')).status,
    ).toBe(303);
  });

  it('never renders a secret: settings mask tokens and passwords', async () => {
    const { request, login } = setup();
    const { cookie } = await login();
    const page = await (await request('/settings', { headers: { Cookie: cookie } })).text();
    for (const secret of [PASSWORD, '999:telegram-secret-token', 'alstyle-secret-token'])
      expect(page).not.toContain(secret);
    expect(page).toContain('consolePassword: ••••••');
  });

  it('refuses a retry that could order twice from the supplier, and says what to do', async () => {
    const { store, post, login, csrfOf } = setup();
    store.saveOrder(
      attentionOrder('900002', {
        attention: { reason: 'reconcile-ambiguous', detail: 'two candidates' },
      }),
    );
    const { cookie } = await login();
    const response = await post('/orders/900002/retry', { _csrf: await csrfOf(cookie) }, cookie);
    expect(decodeURIComponent(response.headers.get('location') ?? '')).toMatch(
      /cannot be retried here; fix it in the Kaspi cabinet/,
    );
    expect(store.findOrder('900002')?.state).toBe('attention');
  });
});
