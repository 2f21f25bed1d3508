import { describe, expect, it } from 'vitest';
import { type Endpoint, REDACTED } from '../src/index.js';
import { json, read, refused, reset, scripted, type TestError, transport } from './helpers.js';

const once: Endpoint = { ...read, method: 'POST', path: '/orders', effect: 'write-once' };
const refusable: Endpoint = { ...read, path: '/cart/add', effect: 'refusable-write' };

async function failure(promise: Promise<unknown>): Promise<TestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) throw new Error('expected the call to fail');
  return error as TestError;
}

describe('transport', () => {
  it('sends the query, adds credentials late and redacts them everywhere', async () => {
    const { fetch, requests } = scripted(json({ ok: 1 }));
    const { transport: t, events } = transport({ fetch });
    const out = await t.request(read, { query: { article: [1, 2], flag: true, none: undefined } });
    expect(out).toEqual({ ok: 1 });
    expect(requests[0]?.url).toBe(
      'http://127.0.0.1:9/api/items?article=1%2C2&flag=true&token=secret-token-1234',
    );
    expect(JSON.stringify(events)).not.toContain('secret-token-1234');
    expect(events[0]).toMatchObject({
      type: 'http.request',
      url: `http://127.0.0.1:9/api/items?article=1%2C2&flag=true&token=${REDACTED}`,
    });
  });

  it('looks the global fetch up at call time', async () => {
    const { transport: t } = transport();
    const original = globalThis.fetch;
    globalThis.fetch = (async () => new Response('[1]', { status: 200 })) as typeof fetch;
    try {
      expect(await t.request(read)).toEqual([1]);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('retries a read after 5xx and reports each retry', async () => {
    const { fetch, requests } = scripted(json({}, 503), json({}, 502), json([1]));
    const { transport: t, events } = transport({ fetch });
    expect(await t.request(read)).toEqual([1]);
    expect(requests).toHaveLength(3);
    expect(
      events.filter((e) => e.type === 'http.retry').map((e) => (e as { status?: number }).status),
    ).toEqual([503, 502]);
  });

  it('gives up after `retries` and throws the last error', async () => {
    const { fetch, requests } = scripted(json({}, 500));
    const { transport: t } = transport({ fetch });
    const error = await failure(t.request(read));
    expect(error.kind).toBe('http');
    expect(requests).toHaveLength(3);
  });

  it('never resends a 4xx', async () => {
    const { fetch, requests } = scripted(json({}, 404));
    const { transport: t } = transport({ fetch });
    expect((await failure(t.request(read))).status).toBe(404);
    expect(requests).toHaveLength(1);
  });

  it('a write-once endpoint that dropped its connection is unknown, never resent', async () => {
    const { fetch, requests } = scripted(reset);
    const { transport: t } = transport({ fetch });
    const error = await failure(t.request(once));
    expect(error.kind).toBe('unknown');
    expect(requests).toHaveLength(1);
    expect(JSON.stringify((error.cause as TestError).cause?.toString())).not.toContain(
      'secret-token-1234',
    );
  });

  it('a write-once endpoint is resent when the request provably never left', async () => {
    const { fetch, requests } = scripted(refused, json({ id: 1 }));
    const { transport: t } = transport({ fetch });
    expect(await t.request(once)).toEqual({ id: 1 });
    expect(requests).toHaveLength(2);
  });

  it('a write-once endpoint is not resent after "too fast"; a refusable write is', async () => {
    const tooFast = scripted(json({}, 429), json({ ok: true }));
    const { transport: a } = transport({ fetch: tooFast.fetch });
    expect((await failure(a.request(once))).kind).toBe('rate-limited');
    expect(tooFast.requests).toHaveLength(1);
    const again = scripted(json({}, 429), json({ ok: true }));
    const { transport: b } = transport({ fetch: again.fetch });
    expect(await b.request(refusable)).toEqual({ ok: true });
    expect(again.requests).toHaveLength(2);
  });

  it('a refusable write after a 5xx is unknown and not resent', async () => {
    const { fetch, requests } = scripted(json({}, 500), json({ ok: true }));
    const { transport: t } = transport({ fetch });
    expect((await failure(t.request(refusable))).kind).toBe('unknown');
    expect(requests).toHaveLength(1);
  });

  it('honours Retry-After up to the cap', async () => {
    const { fetch, requests } = scripted(json({}, 429, { 'retry-after': '3600' }), json([2]));
    const { transport: t, events } = transport({ fetch });
    const started = Date.now();
    expect(await t.request(read)).toEqual([2]);
    expect(requests).toHaveLength(2);
    expect(events.find((e) => e.type === 'rate-limit.hit')).toMatchObject({ waitMs: 50 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out one attempt by the per-call timeout and retries a read', async () => {
    let calls = 0;
    const fetch = (request: Request): Promise<Response> => {
      calls += 1;
      if (calls === 2) return Promise.resolve(new Response('[3]'));
      return new Promise((_resolve, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    };
    const { transport: t } = transport({ fetch, timeoutMs: 60_000 });
    expect(await t.request(read, { timeoutMs: 20 })).toEqual([3]);
    expect(calls).toBe(2);
  });

  it('a per-call signal aborts with its own reason and stops retrying', async () => {
    const controller = new AbortController();
    const { fetch, requests } = scripted(() => {
      controller.abort(new Error('stop'));
      return json({}, 503)();
    });
    const { transport: t } = transport({ fetch });
    await expect(t.request(read, { signal: controller.signal })).rejects.toThrow('stop');
    expect(requests).toHaveLength(1);
  });

  it('calls a malformed 200 malformed and retries a read', async () => {
    const { fetch, requests } = scripted(() => new Response('<html>'), json([4]));
    const { transport: t } = transport({ fetch });
    expect(await t.request(read)).toEqual([4]);
    expect(requests).toHaveLength(2);
  });

  it('hands openapi-fetch style requests through fetchFor', async () => {
    const { fetch, requests } = scripted(json([5]));
    const { transport: t } = transport({ fetch });
    const response = await t.fetchFor(read)(new Request('http://127.0.0.1:9/api/items?a=1'));
    expect(await response.json()).toEqual([5]);
    expect(requests[0]?.url).toContain('a=1&token=secret-token-1234');
  });

  it('passes each attempt through the gate', async () => {
    const scheduled: number[] = [];
    const { fetch } = scripted(json({}, 500), json([6]));
    const { transport: t } = transport({
      fetch,
      gate: {
        schedule: (task) => {
          scheduled.push(Date.now());
          return task();
        },
      },
    });
    await t.request(read);
    expect(scheduled).toHaveLength(2);
  });
});
