import { afterEach, describe, expect, it } from 'vitest';
import {
  proxyTo,
  reply,
  type SimServer,
  type SimServerOptions,
  startSimServer,
} from '../src/index.js';

const servers: SimServer<{ kind: 'quirk' }>[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function counter(options: Partial<SimServerOptions<{ kind: 'quirk' }>> = {}) {
  let count = 0;
  const sim = await startSimServer<{ kind: 'quirk' }>({
    prefix: '/api',
    secretHeaders: ['x-auth-token'],
    secretQuery: ['token'],
    routes: {
      'POST /count/:by': async (req) => {
        count += Number(req.param('by'));
        return reply(200, { count, body: await req.text(), quirk: req.fault?.kind ?? null });
      },
      'GET /count': () => reply(200, { count }),
    },
    ...options,
  });
  servers.push(sim);
  return { sim, count: () => count };
}

describe('the simulator kit', () => {
  it('routes by method and path, and records each request with secrets hidden', async () => {
    const { sim } = await counter();
    const res = await fetch(`${sim.url}/count/2?token=abc&x=1`, {
      method: 'POST',
      headers: { 'x-auth-token': 'secret', 'user-agent': 'test' },
      body: 'hello',
    });
    expect(await res.json()).toEqual({ count: 2, body: 'hello', quirk: null });
    expect((await fetch(`${sim.url}/nowhere`)).status).toBe(404);
    const [first, second] = sim.requests;
    expect(first).toMatchObject({
      method: 'POST',
      path: '/count/2',
      query: { token: '***', x: '1' },
      body: 'hello',
      status: 200,
      fault: null,
      rateLimited: false,
    });
    expect(first?.headers['x-auth-token']).toBe('***');
    expect(first?.headers['user-agent']).toBe('test');
    expect(second).toMatchObject({ path: '/nowhere', status: 404 });
    expect(JSON.stringify(sim.requests)).not.toContain('secret');
  });

  it('a fault before handling leaves the state alone; after handling the state changed', async () => {
    const { sim, count } = await counter();
    sim.injectFault({ kind: 'status', status: 502, method: 'POST', path: '/count/1' });
    expect((await fetch(`${sim.url}/count/1`, { method: 'POST' })).status).toBe(502);
    expect(count()).toBe(0);
    sim.injectFault({ kind: 'drop', path: /^\/count\/\d/, afterHandling: true });
    await expect(fetch(`${sim.url}/count/5`, { method: 'POST' })).rejects.toThrow();
    expect(count()).toBe(5);
    expect(sim.requests.map((r) => [r.status, r.fault])).toEqual([
      [502, 'status'],
      ['no-response', 'drop'],
    ]);
  });

  it('times out, answers HTML, cuts the body in half, and waits when slow', async () => {
    const { sim } = await counter();
    sim.injectFault({ kind: 'timeout', path: '/count' });
    await expect(fetch(`${sim.url}/count`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    sim.injectFault({ kind: 'html', times: 1 });
    const html = await fetch(`${sim.url}/count`);
    expect([html.status, html.headers.get('content-type')]).toEqual([
      502,
      'text/html; charset=utf-8',
    ]);
    sim.injectFault({ kind: 'malformed' });
    const cut = await fetch(`${sim.url}/count`);
    expect(cut.status).toBe(200);
    expect(await cut.text()).toBe('{"cou');
    sim.injectFault({ kind: 'slow', delayMs: 150 });
    const t0 = performance.now();
    expect((await fetch(`${sim.url}/count`)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
    expect(sim.requests.map((r) => r.fault)).toEqual(['timeout', 'html', 'malformed', 'slow']);
  });

  it('counts times, draws probability from the seed, and hands its own faults to the handler', async () => {
    const { sim } = await counter({ seed: 7 });
    sim.injectFault({
      kind: 'status',
      status: 500,
      probability: 0.5,
      times: Number.POSITIVE_INFINITY,
      path: '/count',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await fetch(`${sim.url}/count`)).status);
    const failed = statuses.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    sim.clearFaults();
    sim.injectFault({ kind: 'quirk', method: 'POST' });
    const res = await fetch(`${sim.url}/count/1`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ quirk: 'quirk' });
    expect(sim.requests.at(-1)?.fault).toBe('quirk');
  });

  it('refuses requests sooner than the rate limit, decided at arrival', async () => {
    const { sim } = await counter({ rateLimitMs: 200, tooSoon: () => reply(403, 'slow down') });
    const a = await fetch(`${sim.url}/count`);
    const b = await fetch(`${sim.url}/count`);
    expect([a.status, b.status]).toEqual([200, 403]);
    expect(sim.requests.map((r) => r.rateLimited)).toEqual([false, true]);
    sim.setRateLimitMs(0);
    expect((await fetch(`${sim.url}/count`)).status).toBe(200);
  });

  it('proxies to a real server with the faults in front, Host kept', async () => {
    const { sim: upstream } = await counter();
    const proxy = await startSimServer({ routes: {}, notFound: proxyTo(upstream.url) });
    servers.push(proxy as SimServer<{ kind: 'quirk' }>);
    const ok = await fetch(`${proxy.url}/api/count/3`, { method: 'POST', body: 'x' });
    expect(await ok.json()).toMatchObject({ count: 3, body: 'x' });
    expect(upstream.requests.at(-1)?.headers.host).toBe(new URL(proxy.url).host);
    proxy.injectFault({ kind: 'status', status: 200, body: '', method: 'POST' });
    expect((await fetch(`${proxy.url}/api/count/3`, { method: 'POST' })).status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });

  it('spreads latency per path, from the seed', async () => {
    const { sim } = await counter({ latency: { '/count': { minMs: 80, maxMs: 120 } } });
    const t0 = performance.now();
    await fetch(`${sim.url}/count`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(78);
    expect(sim.requests[0]?.latencyMs).toBeGreaterThanOrEqual(78);
    expect(() => counter({ latency: { '*': { minMs: 5, maxMs: 1 } } })).rejects.toThrow(/minMs/);
  });
});
