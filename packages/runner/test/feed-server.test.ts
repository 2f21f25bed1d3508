import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBasicAuth } from '../src/server/basic-auth.js';
import { type FeedServer, startFeedServer } from '../src/server/feed-server.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP request, so paths like `/../x` reach the server unnormalised. */
function raw(
  server: FeedServer,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
) {
  const url = new URL(server.url);
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const FEED = '<?xml version="1.0" encoding="utf-8"?><kaspi_catalog>тест</kaspi_catalog>';
const auth = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
let servers: FeedServer[] = [];

async function serve(withAuth = false, content: string | null = FEED) {
  const dir = mkdtempSync(join(tmpdir(), 'kc-serve-'));
  const feedFile = join(dir, 'kaspi.xml');
  if (content !== null) writeFileSync(feedFile, content);
  const server = await startFeedServer({
    feedFile,
    urlPath: '/kaspi.xml',
    ...(withAuth ? { auth: { username: 'kaspi', password: 's3cret' } } : {}),
  });
  servers.push(server);
  return { server, feedFile };
}

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('feed server', () => {
  it('serves the feed with ETag, Last-Modified and a length', async () => {
    const { server } = await serve();
    const res = await raw(server, '/kaspi.xml');
    expect(res.status).toBe(200);
    expect(res.body.toString('utf8')).toBe(FEED);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(new Date(String(res.headers['last-modified'])).getTime()).not.toBeNaN();
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(FEED));
  });

  it('answers HEAD with headers only', async () => {
    const { server } = await serve();
    const res = await raw(server, '/kaspi.xml', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.body.byteLength).toBe(0);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(FEED));
  });

  it('supports conditional GET by ETag and by date, and sees a new feed', async () => {
    const { server, feedFile } = await serve();
    const first = await raw(server, '/kaspi.xml');
    const etag = String(first.headers.etag);
    const notModified = await raw(server, '/kaspi.xml', { headers: { 'If-None-Match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(
      (await raw(server, '/kaspi.xml', { headers: { 'If-None-Match': '"other"' } })).status,
    ).toBe(200);
    const since = String(first.headers['last-modified']);
    expect(
      (await raw(server, '/kaspi.xml', { headers: { 'If-Modified-Since': since } })).status,
    ).toBe(304);
    expect(
      (
        await raw(server, '/kaspi.xml', {
          headers: { 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' },
        })
      ).status,
    ).toBe(200);
    writeFileSync(feedFile, `${FEED}<!-- v2 -->`);
    const changed = await raw(server, '/kaspi.xml', { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.body.toString()).toContain('v2');
  });

  it('gzips when asked, with a distinct ETag', async () => {
    const { server } = await serve();
    const plain = await raw(server, '/kaspi.xml');
    const res = await raw(server, '/kaspi.xml', {
      headers: { 'Accept-Encoding': 'br, gzip;q=0.8' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(res.body).toString('utf8')).toBe(FEED);
    expect(res.headers.etag).not.toBe(plain.headers.etag);
    const refused = await raw(server, '/kaspi.xml', { headers: { 'Accept-Encoding': 'gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('requires basic auth when configured and rejects wrong credentials', async () => {
    const { server } = await serve(true);
    const none = await raw(server, '/kaspi.xml');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Basic');
    expect(
      (await raw(server, '/kaspi.xml', { headers: { Authorization: auth('kaspi', 'wrong') } }))
        .status,
    ).toBe(401);
    expect(
      (await raw(server, '/kaspi.xml', { headers: { Authorization: auth('kaspi', 's3cret!') } }))
        .status,
    ).toBe(401);
    expect(
      (await raw(server, '/kaspi.xml', { headers: { Authorization: 'Bearer s3cret' } })).status,
    ).toBe(401);
    const ok = await raw(server, '/kaspi.xml', {
      headers: { Authorization: auth('kaspi', 's3cret') },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe(FEED);
  });

  it('compares credentials exactly', () => {
    const expected = { username: 'u', password: 'p:q' };
    expect(checkBasicAuth(auth('u', 'p:q'), expected)).toBe(true);
    expect(checkBasicAuth(auth('u', 'p:'), expected)).toBe(false);
    expect(checkBasicAuth(undefined, expected)).toBe(false);
  });

  it('serves nothing else: traversal attempts, other paths and methods', async () => {
    const { server } = await serve();
    for (const path of [
      '/',
      '/../kaspi.xml',
      '/kaspi.xml/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2fkaspi.xml',
      '//kaspi.xml',
      '/KASPI.XML',
      '/kaspi.xml/',
      '/history/',
      '/etc/passwd',
    ]) {
      const res = await raw(server, path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString(), path).not.toContain('kaspi_catalog');
    }
    const post = await raw(server, '/kaspi.xml', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await raw(server, '/kaspi.xml?x=1')).status).toBe(200);
  });

  it('reports health without auth and 503 before the first publish', async () => {
    const { server } = await serve(true, null);
    const health = await raw(server, '/healthz');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body.toString())).toEqual({ status: 'no-feed' });
    const feed = await raw(server, '/kaspi.xml', {
      headers: { Authorization: auth('kaspi', 's3cret') },
    });
    expect(feed.status).toBe(503);
    expect(feed.body.toString()).toContain('run "kaspi-connect sync"');
    const { server: live } = await serve(true);
    const ok = await raw(live, '/healthz');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body.toString())).toMatchObject({ status: 'ok' });
  });
});
