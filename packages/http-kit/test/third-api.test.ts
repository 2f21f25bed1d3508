import { describe, expect, it } from 'vitest';
import { AcmeError, createAcmeClient } from './acme/client.js';
import { json, reset, scripted } from './helpers.js';

describe('a third API is an endpoints.ts plus a resources/ folder', () => {
  it('pages through things and reads one by path parameter', async () => {
    const { fetch, requests } = scripted(
      json({ items: ['a', 'b'], total: 3 }),
      json({ items: ['c'], total: 3 }),
      json({ id: 'x/1' }),
    );
    const acme = createAcmeClient({ token: 'acme-token-1', fetch, retry: { minDelayMs: 1 } });
    const all: string[] = [];
    for await (const thing of acme.iterateThings()) all.push(thing);
    expect(all).toEqual(['a', 'b', 'c']);
    expect(await acme.getThing('x/1')).toEqual({ id: 'x/1' });
    expect(requests.map((r) => new URL(r.url).pathname + new URL(r.url).search)).toEqual([
      '/things?offset=0&limit=2',
      '/things?offset=2&limit=2',
      '/things/x%2F1',
    ]);
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer acme-token-1');
  });

  it('a write-once order whose connection dropped is outcome-unknown, sent once', async () => {
    const { fetch, requests } = scripted(reset, json({ id: 7 }));
    const acme = createAcmeClient({ token: 'acme-token-1', fetch, retry: { minDelayMs: 1 } });
    const error = await acme.createOrder(['a']).catch((e: unknown) => e);
    expect(AcmeError.isInstance(error) && error.kind).toBe('outcome-unknown');
    expect(requests).toHaveLength(1);
  });
});
