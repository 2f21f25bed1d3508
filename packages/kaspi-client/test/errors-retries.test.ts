import { inspect } from 'node:util';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createKaspiClient,
  KaspiAuthError,
  KaspiError,
  KaspiHtmlResponseError,
  KaspiNetworkError,
  KaspiNotFoundError,
  KaspiRateLimitError,
  KaspiResponseValidationError,
  KaspiServerError,
  KaspiStatusConflictError,
  KaspiTimeoutError,
  KaspiValidationError,
  REDACTED,
} from '../src/index.js';
import { JSON_API_HEADERS, ROOT, TOKEN, testClient } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  vi.useRealTimers();
});
afterAll(() => nock.enableNetConnect());

const orderDoc = (status: string, extra: Record<string, unknown> = {}) => ({
  data: { type: 'orders', id: 'ORD', attributes: { code: '123', status, ...extra } },
});
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { ...JSON_API_HEADERS, ...headers } });

/** A fetch that answers from a queue and records what was asked. */
function scripted(...answers: Array<Response | Error | (() => Response | Error)>) {
  const calls: Array<{ url: string; method: string; headers: Headers; body: string | undefined }> =
    [];
  const fn = async (request: Request) => {
    const body = request.body === null ? undefined : await request.text();
    calls.push({ url: request.url, method: request.method, headers: request.headers, body });
    const next = answers.shift();
    if (next === undefined) throw new Error('unexpected request');
    const answer = typeof next === 'function' ? next() : next;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch: fn, calls };
}

describe('error mapping', () => {
  const cases: Array<[number, unknown, new (...args: never[]) => KaspiError, boolean]> = [
    [401, { errors: [{ title: 'Unauthorized' }] }, KaspiAuthError, false],
    [403, { errors: [{ title: 'Forbidden' }] }, KaspiAuthError, false],
    [404, { errors: [{ title: 'Not found' }] }, KaspiNotFoundError, false],
    [
      400,
      { errors: [{ title: 'Required filter [orders][creationDate][$ge] is empty.' }] },
      KaspiValidationError,
      false,
    ],
    [429, { errors: [{ title: 'Too many' }] }, KaspiRateLimitError, true],
    [503, { errors: [{ title: 'Unavailable' }] }, KaspiServerError, true],
  ];
  for (const [status, body, Class, retryable] of cases) {
    it(`maps HTTP ${status} to ${Class.name} (retryable: ${retryable})`, async () => {
      const { fetch, calls } = scripted(json(status, body), json(status, body), json(status, body));
      const { client } = testClient({ fetch });
      const error = await client.getOrder('ORD').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Class);
      expect(KaspiError.isInstance(error)).toBe(true);
      const e = error as KaspiError;
      expect(e.status).toBe(status);
      expect(e.isRetryable).toBe(retryable);
      expect(e.titles).toEqual([(body as { errors: Array<{ title: string }> }).errors[0]?.title]);
      expect(e.message).toContain(e.titles[0]);
      expect(e.request?.method).toBe('GET');
      // Reads are retried (2 retries in the test client) only when retryable.
      expect(calls).toHaveLength(retryable ? 3 : 1);
    });
  }

  it('reports an HTML body instead of JSON, even with status 200', async () => {
    const html = new Response('<!DOCTYPE html><html><body>404</body></html>', {
      status: 404,
      headers: { 'content-type': 'text/html' },
    });
    const { fetch } = scripted(html);
    const { client } = testClient({ fetch });
    const error = await client.getOrder('ORD').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KaspiHtmlResponseError);
    expect((error as KaspiError).message).toMatch(/HTML instead of JSON \(HTTP 404\).*Accept/);
    expect((error as KaspiError).isRetryable).toBe(false);

    const ok = new Response('<html><body>maintenance</body></html>', { status: 200 });
    const second = testClient({ fetch: scripted(ok).fetch });
    await expect(second.client.getOrder('ORD')).rejects.toBeInstanceOf(KaspiHtmlResponseError);
  });

  it('retries an HTML 502 from a proxy and then succeeds', async () => {
    const { fetch, calls } = scripted(
      new Response('<html>bad gateway</html>', {
        status: 502,
        headers: { 'content-type': 'text/html' },
      }),
      json(200, orderDoc('NEW')),
    );
    const { client, events } = testClient({ fetch });
    expect((await client.getOrder('ORD')).status).toBe('NEW');
    expect(calls).toHaveLength(2);
    expect(events.filter((e) => e.type === 'http.retry')).toHaveLength(1);
  });

  it('names the paths of a response that does not match the documented shape', async () => {
    const { fetch } = scripted(
      json(200, { data: { type: 'orders', id: 'ORD', attributes: { status: 'NEW' } } }),
    );
    const { client } = testClient({ fetch });
    const error = (await client
      .getOrder('ORD')
      .catch((e: unknown) => e)) as KaspiResponseValidationError;
    expect(error).toBeInstanceOf(KaspiResponseValidationError);
    expect(error.message).toMatch(/data\.attributes\.code/);
    expect(error.issues).toContainEqual(
      expect.objectContaining({ path: 'data.attributes.code', received: 'undefined' }),
    );
    expect(error.isRetryable).toBe(false);
  });

  it('wraps connection failures as retryable network errors', async () => {
    const { fetch, calls } = scripted(new TypeError('fetch failed'), json(200, orderDoc('NEW')));
    const { client } = testClient({ fetch });
    await client.getOrder('ORD');
    expect(calls).toHaveLength(2);
    const failing = testClient({
      fetch: scripted(new TypeError('fetch failed')).fetch,
      retry: false,
    });
    await expect(failing.client.getOrder('ORD')).rejects.toBeInstanceOf(KaspiNetworkError);
  });

  it('times out a hanging attempt and retries it', async () => {
    let attempt = 0;
    const fetchImpl = async (request: Request) => {
      attempt += 1;
      if (attempt === 1)
        return new Promise<Response>((_resolve, reject) => {
          request.signal.addEventListener('abort', () => reject(request.signal.reason));
        });
      return json(200, orderDoc('NEW'));
    };
    const { client } = testClient({ fetch: fetchImpl, timeoutMs: 300 });
    expect((await client.getOrder('ORD')).status).toBe('NEW');
    expect(attempt).toBe(2);
    const never = async (request: Request) =>
      new Promise<Response>((_r, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    const failing = testClient({ fetch: never, timeoutMs: 50, retry: false });
    const error = await failing.client.getOrder('ORD').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KaspiTimeoutError);
    expect((error as KaspiError).message).toMatch(/did not answer within 50 ms/);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const controller = new AbortController();
    let calls = 0;
    const fetchImpl = async (request: Request) => {
      calls += 1;
      return new Promise<Response>((_r, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    };
    const { client } = testClient({ fetch: fetchImpl });
    const pending = client.getOrder('ORD', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutdown')), 5);
    await expect(pending).rejects.toThrow('shutdown');
    expect(calls).toBe(1);
  });

  it('the client-wide signal aborts every call', async () => {
    const controller = new AbortController();
    const fetchImpl = async (request: Request) =>
      new Promise<Response>((_r, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    const { client } = testClient({ fetch: fetchImpl, signal: controller.signal });
    const pending = Promise.allSettled([client.getOrder('A'), client.listCities()]);
    controller.abort(new Error('stopping'));
    const results = await pending;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(client.getOrder('B')).rejects.toThrow('stopping');
  });

  it('waits for Retry-After on 429 (fake timers)', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = scripted(
      json(429, { errors: [{ title: 'slow down' }] }, { 'retry-after': '30' }),
      json(200, orderDoc('NEW')),
    );
    const { client } = testClient({ fetch });
    const pending = client.getOrder('ORD');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_100);
    expect((await pending).status).toBe('NEW');
    expect(calls).toHaveLength(2);
  });

  it('backs off exponentially between read retries (fake timers)', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = scripted(
      json(500, { errors: [] }),
      json(500, { errors: [] }),
      json(200, orderDoc('NEW')),
    );
    const client = createKaspiClient({
      token: TOKEN,
      fetch,
      rateLimit: false,
      retry: { retries: 3, minDelayMs: 1000, factor: 2 },
    });
    const pending = client.getOrder('ORD');
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_900);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toHaveLength(3);
    await pending;
  });

  it('throttles requests client-side (fake timers)', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = scripted(...[1, 2, 3].map(() => json(200, orderDoc('NEW'))));
    const client = createKaspiClient({
      token: TOKEN,
      fetch,
      rateLimit: { limit: 2, intervalMs: 1000 },
    });
    const all = Promise.all([client.getOrder('A'), client.getOrder('B'), client.getOrder('C')]);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(3);
    await all;
  });
});

describe('token redaction', () => {
  it('never puts the token into errors, their causes or log events', async () => {
    const echoing = json(401, { errors: [{ title: `Token ${TOKEN} is invalid` }], token: TOKEN });
    const { fetch } = scripted(echoing);
    const { client, events } = testClient({ fetch });
    const error = (await client.getOrder('ORD').catch((e: unknown) => e)) as KaspiError;
    expect(error).toBeInstanceOf(KaspiAuthError);
    const dump = inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(dump).not.toContain(TOKEN);
    expect(JSON.stringify(error.body)).not.toContain(TOKEN);
    expect(error.message).toContain(REDACTED);
    expect(error.request?.headers?.['x-auth-token']).toBe(REDACTED);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });

  it('redacts the token from network error messages and timeouts', async () => {
    const { fetch } = scripted(new TypeError(`connect failed for ${TOKEN}`));
    const { client } = testClient({ fetch, retry: false });
    const error = (await client.getOrder('ORD').catch((e: unknown) => e)) as KaspiError;
    expect(error.message).not.toContain(TOKEN);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
      TOKEN,
    );
    expect((error.cause as Error).message).toBe(`connect failed for ${REDACTED}`);
  });

  it('redacts the buyer security code header', async () => {
    const { fetch } = scripted(
      json(400, {
        errors: [
          { title: 'Security code is not valid. And the order cannot be completed without it' },
        ],
      }),
    );
    const { client } = testClient({ fetch });
    const error = (await client
      .completeOrder({ id: 'ORD' }, '987654')
      .catch((e: unknown) => e)) as KaspiValidationError;
    expect(error).toBeInstanceOf(KaspiValidationError);
    expect(error.request?.headers?.['x-security-code']).toBe(REDACTED);
    expect(inspect(error, { depth: 10 })).not.toContain('987654');
  });

  it('refuses an empty or whitespace token without echoing it', () => {
    expect(() => createKaspiClient({ token: '' })).toThrow(TypeError);
    expect(() => createKaspiClient({ token: 'has space' })).toThrow(/without whitespace/);
  });
});

describe('status changes are retried only after a re-read', () => {
  it('succeeds without a second POST when the re-read shows the change happened', async () => {
    const { fetch, calls } = scripted(
      json(502, { errors: [{ title: 'gateway' }] }),
      json(200, orderDoc('ACCEPTED_BY_MERCHANT')),
    );
    const { client, events } = testClient({ fetch });
    const result = await client.acceptOrder({ id: 'ORD', code: '123' });
    expect(result.confirmedBy).toBe('reread');
    expect(calls.map((c) => c.method)).toEqual(['POST', 'GET']);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'status.verify',
        outcome: 'done',
        currentStatus: 'ACCEPTED_BY_MERCHANT',
      }),
    );
  });

  it('with retries off, still confirms a lost answer by re-reading, but never posts twice', async () => {
    const lost = scripted(json(502, { errors: [] }), json(200, orderDoc('ACCEPTED_BY_MERCHANT')));
    const a = testClient({ fetch: lost.fetch, retry: false });
    expect((await a.client.acceptOrder({ id: 'ORD' })).confirmedBy).toBe('reread');
    const notDone = scripted(json(502, { errors: [] }), json(200, orderDoc('APPROVED_BY_BANK')));
    const b = testClient({ fetch: notDone.fetch, retry: false });
    await expect(b.client.acceptOrder({ id: 'ORD' })).rejects.toBeInstanceOf(KaspiServerError);
    expect(notDone.calls.map((c) => c.method)).toEqual(['POST', 'GET']);
  });

  it('posts again when the re-read shows it did not happen', async () => {
    const { fetch, calls } = scripted(
      json(503, { errors: [] }),
      json(200, orderDoc('APPROVED_BY_BANK')),
      json(200, {
        data: { type: 'orders', id: 'ORD', attributes: { status: 'ACCEPTED_BY_MERCHANT' } },
      }),
    );
    const { client } = testClient({ fetch });
    const result = await client.acceptOrder({ id: 'ORD' });
    expect(result.confirmedBy).toBe('response');
    expect(calls.map((c) => c.method)).toEqual(['POST', 'GET', 'POST']);
  });

  it('throws a conflict when the order moved elsewhere', async () => {
    const { fetch, calls } = scripted(json(503, { errors: [] }), json(200, orderDoc('CANCELLED')));
    const { client } = testClient({ fetch });
    const error = await client.acceptOrder({ id: 'ORD', code: '123' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KaspiStatusConflictError);
    expect((error as Error).message).toMatch(/123 is CANCELLED/);
    expect((error as Error).cause).toBeInstanceOf(KaspiServerError);
    expect(calls).toHaveLength(2);
  });

  it('throws the original error when the re-read itself fails', async () => {
    const { fetch, calls } = scripted(
      json(503, { errors: [] }),
      json(500, { errors: [] }),
      json(500, { errors: [] }),
      json(500, { errors: [] }),
    );
    const { client, events } = testClient({ fetch });
    await expect(client.acceptOrder({ id: 'ORD' })).rejects.toBeInstanceOf(KaspiServerError);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'status.verify', outcome: 'unverifiable' }),
    );
  });

  it('never repeats a refused change (4xx)', async () => {
    const { fetch, calls } = scripted(json(400, { errors: [{ title: 'nope' }] }));
    const { client } = testClient({ fetch });
    await expect(client.cancelOrder({ id: 'ORD' }, 'MERCHANT_OUT_OF_STOCK')).rejects.toBeInstanceOf(
      KaspiValidationError,
    );
    expect(calls).toHaveLength(1);
  });

  it('never retries sending the completion code, ARRIVED or ARRIVED_BACKWARD', async () => {
    for (const call of [
      (c: ReturnType<typeof testClient>['client']) => c.sendCompletionCode({ id: 'ORD' }),
      (c: ReturnType<typeof testClient>['client']) => c.markArrived({ id: 'ORD' }),
      (c: ReturnType<typeof testClient>['client']) => c.markArrivedBackward({ id: 'ORD' }),
    ]) {
      const { fetch, calls } = scripted(json(503, { errors: [] }));
      const { client } = testClient({ fetch });
      await expect(call(client)).rejects.toBeInstanceOf(KaspiServerError);
      expect(calls).toHaveLength(1);
    }
  });

  it('confirms ASSEMBLE by the assembled flag and COMPLETED by the status', async () => {
    const assemble = scripted(
      json(504, { errors: [] }),
      json(200, orderDoc('ACCEPTED_BY_MERCHANT', { assembled: true })),
    );
    const a = testClient({ fetch: assemble.fetch });
    expect((await a.client.assembleOrder({ id: 'ORD' }, 1)).confirmedBy).toBe('reread');
    const complete = scripted(json(504, { errors: [] }), json(200, orderDoc('COMPLETED')));
    const c = testClient({ fetch: complete.fetch });
    expect((await c.client.completeOrder({ id: 'ORD' }, '1234')).confirmedBy).toBe('reread');
    const cancel = scripted(json(504, { errors: [] }), json(200, orderDoc('CANCELLING')));
    const k = testClient({ fetch: cancel.fetch });
    expect((await k.client.cancelOrder({ id: 'ORD' }, 'BUYER_NOT_REACHABLE')).confirmedBy).toBe(
      'reread',
    );
  });

  it('does not retry partial cancels or imports', async () => {
    const { fetch, calls } = scripted(json(503, { errors: [] }));
    const { client } = testClient({ fetch });
    await expect(
      client.cancelOrderEntry('E', { remainedQuantity: 0, reason: 'MERCHANT_OUT_OF_STOCK' }),
    ).rejects.toBeInstanceOf(KaspiServerError);
    expect(calls).toHaveLength(1);
  });
});

describe('nock: real fetch path', () => {
  it('surfaces Kaspi titles from a real HTTP exchange', async () => {
    nock(ROOT)
      .get('/v2/orders')
      .query(true)
      .reply(
        400,
        {
          errors: [
            {
              title:
                'Exceeded the maximum difference for the filter[orders][creationDate] (in days). Actual [30], max [14].',
            },
          ],
        },
        JSON_API_HEADERS,
      );
    const { client } = testClient();
    await expect(
      client.listOrdersPage({
        from: new Date(0),
        to: new Date(1000),
        pageNumber: 0,
        pageSize: 100,
      }),
    ).rejects.toThrow(/Actual \[30\], max \[14\]/);
  });
});

describe('onEvent', () => {
  it('a throwing event handler never breaks a call', async () => {
    const fetchImpl = (async () => json(200, orderDoc('NEW'))) as typeof fetch;
    const client = createKaspiClient({
      token: TOKEN,
      fetch: fetchImpl,
      rateLimit: false,
      onEvent: () => {
        throw new Error('handler broke');
      },
    });
    expect((await client.getOrder('ORD')).status).toBe('NEW');
  });

  it('reports request and response events with redacted URLs and durations', async () => {
    const { fetch } = scripted(json(200, orderDoc('NEW')));
    const { client, events } = testClient({ fetch });
    await client.getOrder('ORD');
    expect(events).toEqual([
      {
        type: 'http.request',
        method: 'GET',
        url: `${ROOT}/v2/orders/ORD`,
        endpoint: '/v2/orders/{orderId}',
        attempt: 1,
      },
      expect.objectContaining({
        type: 'http.response',
        method: 'GET',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
  });
});
