import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/demo.js';

describe('demo --serve', () => {
  it('opens the console with a one-time password, showing an order that needs a person', async () => {
    const controller = new AbortController();
    let page = '';
    let loginStatus = 0;
    const demo = runDemo({
      products: 200,
      intervalMs: 5,
      keepServing: true,
      signal: controller.signal,
      onConsole: (info) => {
        void (async () => {
          try {
            const origin = new URL(info.url).origin;
            const login = await fetch(`${info.url}login`, {
              method: 'POST',
              redirect: 'manual',
              headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ username: info.username, password: info.password }),
            });
            loginStatus = login.status;
            const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
            page = await (await fetch(`${info.url}orders`, { headers: { Cookie: cookie } })).text();
          } finally {
            controller.abort();
          }
        })();
      },
    });
    const result = await demo;
    expect(result.kaspiLoad.outcome).toBe('loaded');
    expect(loginStatus).toBe(303);
    expect(page).toContain('data-state="attention"');
    expect(page).toContain('policy-manual');
    expect(page).toContain('Повторить резерв');
  });
});
