import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveShopFeed } from '../../src/postgres/shop-feeds.js';
import { type FeedServer, serveFeedSource } from '../../src/server/feed-server.js';
import { shopFeedSource } from '../../src/server/shop-feed-source.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

const postgres = usePostgres();
let pool: pg.Pool;
const servers: FeedServer[] = [];
const shops = [
  { id: 'north', auth: { username: 'kaspi', password: 'north-secret' } },
  { id: 'south', auth: { username: 'kaspi', password: 'south-secret' } },
];
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe.skipIf(postgresSkipReason() !== undefined)('feeds stored in PostgreSQL', () => {
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await postgres.database('feeds'), max: 4 });
    for (let i = 0; i < 2; i++)
      servers.push(await serveFeedSource(shopFeedSource(pool, shops), {}, '/'));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await pool.end();
  });

  it("serves each shop's feed with its own credentials from any node, with ETag and 304", async () => {
    const [a, b] = servers;
    if (a === undefined || b === undefined) throw new Error('servers');
    const health = await fetch(`${a.url}/healthz`);
    expect(health.status).toBe(503);
    const missing = await fetch(`${a.url}/north/kaspi.xml`, {
      headers: { authorization: basic('kaspi', 'north-secret') },
    });
    expect(missing.status).toBe(503);
    expect(await missing.text()).toMatch(/No feed published for shop "north"/);

    expect(
      await saveShopFeed(pool, 'north', Buffer.from('<kaspi_catalog>north 1</kaspi_catalog>')),
    ).toBe('stored');
    expect(
      await saveShopFeed(pool, 'south', Buffer.from('<kaspi_catalog>south</kaspi_catalog>')),
    ).toBe('stored');
    expect(
      await saveShopFeed(pool, 'north', Buffer.from('<kaspi_catalog>north 1</kaspi_catalog>')),
    ).toBe('unchanged');

    // Another shop's password does not open this shop's feed.
    const wrong = await fetch(`${a.url}/north/kaspi.xml`, {
      headers: { authorization: basic('kaspi', 'south-secret') },
    });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${a.url}/north/kaspi.xml`)).status).toBe(401);
    expect((await fetch(`${a.url}/east/kaspi.xml`)).status).toBe(404);
    expect((await fetch(`${a.url}/kaspi.xml`)).status).toBe(404);

    const fromA = await fetch(`${a.url}/north/kaspi.xml`, {
      headers: { authorization: basic('kaspi', 'north-secret'), 'accept-encoding': 'identity' },
    });
    expect(fromA.status).toBe(200);
    expect(await fromA.text()).toBe('<kaspi_catalog>north 1</kaspi_catalog>');
    const etag = fromA.headers.get('etag') ?? '';
    const fromB = await fetch(`${b.url}/north/kaspi.xml`, {
      headers: { authorization: basic('kaspi', 'north-secret'), 'accept-encoding': 'identity' },
    });
    expect(fromB.headers.get('etag')).toBe(etag);
    const south = await fetch(`${b.url}/south/kaspi.xml`, {
      headers: { authorization: basic('kaspi', 'south-secret') },
    });
    expect(await south.text()).toBe('<kaspi_catalog>south</kaspi_catalog>');

    const cached = await fetch(`${b.url}/north/kaspi.xml`, {
      headers: { authorization: basic('kaspi', 'north-secret'), 'if-none-match': etag },
    });
    expect(cached.status).toBe(304);

    await saveShopFeed(pool, 'north', Buffer.from('<kaspi_catalog>north 2</kaspi_catalog>'));
    const changed = await fetch(`${b.url}/north/kaspi.xml`, {
      headers: { authorization: basic('kaspi', 'north-secret'), 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe('<kaspi_catalog>north 2</kaspi_catalog>');
    expect(changed.headers.get('etag')).not.toBe(etag);
    const healthy = await (await fetch(`${a.url}/healthz`)).json();
    expect(healthy).toMatchObject({ status: 'ok', shops: 2, shopsWithFeed: 2 });
  });

  it('refuses to store an empty feed and keeps the last good one', async () => {
    await expect(saveShopFeed(pool, 'south', Buffer.alloc(0))).rejects.toThrow(/empty feed/);
    const south = await fetch(`${servers[0]?.url}/south/kaspi.xml`, {
      headers: { authorization: basic('kaspi', 'south-secret') },
    });
    expect(await south.text()).toBe('<kaspi_catalog>south</kaspi_catalog>');
  });
});
