import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { type BasicCredentials, checkBasicAuth } from './basic-auth.js';

const gzipAsync = promisify(gzip);

/** Options of `startFeedServer`. */
export interface FeedServerOptions {
  /** The live feed file on disk (the publisher's `currentPath`). */
  readonly feedFile: string;
  /** The only URL path that serves the feed, such as `/kaspi.xml`. */
  readonly urlPath: string;
  readonly host?: string | undefined;
  /** 0 picks a free port. */
  readonly port?: number | undefined;
  /** When set, the feed requires HTTP Basic auth (`/healthz` stays open and reveals no data). */
  readonly auth?: BasicCredentials | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Extra fields for `/healthz` (such as the last run's status); keep them free of secrets. */
  readonly health?: (() => Readonly<Record<string, unknown>>) | undefined;
  /** Called for every request, for access logs. */
  readonly onRequest?: ((event: FeedRequestEvent) => void) | undefined;
  /** Another app (the console) answering every path under `prefix`. */
  readonly app?: MountedApp | undefined;
}

/** A request handler mounted under a path prefix of the feed server. */
export interface MountedApp {
  /** Such as `/console`: the prefix itself and everything under `/console/` go to the app. */
  readonly prefix: string;
  readonly listener: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
}

/** One request the feed server answered, for access logs. */
export interface FeedRequestEvent {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly bytes: number;
  /** The socket's address, the `X-Forwarded-For` header and the `User-Agent` (the feed log). */
  readonly ip?: string | undefined;
  readonly forwardedFor?: string | undefined;
  readonly userAgent?: string | undefined;
}

/** A running feed server. */
export interface FeedServer {
  /** Base URL, such as `http://127.0.0.1:8080`. */
  readonly url: string;
  /** The feed's full URL, to paste into Kaspi's automatic loading. */
  readonly feedUrl: string;
  readonly server: Server;
  close(): Promise<void>;
}

interface CachedFeed {
  readonly key: string;
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly etag: string;
  readonly lastModified: Date;
}

/**
 * Serves the published feed and `/healthz` with `node:http`, nothing else: no URL is mapped to
 * the file system, so no path can reach another file. The file is re-read only when its inode,
 * size or mtime change (the publisher renames a new file into place).
 */
export async function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  let cache: CachedFeed | undefined;

  async function loadFeed(): Promise<CachedFeed | undefined> {
    const info = await stat(options.feedFile).catch(() => undefined);
    if (info === undefined) return undefined;
    const key = `${info.ino}:${info.size}:${info.mtimeMs}`;
    if (cache?.key === key) return cache;
    const body = await readFile(options.feedFile);
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
    cache = {
      key,
      body,
      gzipped: await gzipAsync(body),
      etag: `"${hash}"`,
      lastModified: new Date(Math.floor(info.mtimeMs / 1000) * 1000),
    };
    return cache;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<number> {
    const method = request.method ?? 'GET';
    const path = pathnameOf(request.url);
    const app = options.app;
    if (app !== undefined && (path === app.prefix || path.startsWith(`${app.prefix}/`))) {
      await app.listener(request, response);
      return response.statusCode;
    }
    if (path !== options.urlPath && path !== '/healthz') {
      return send(response, 404, 'Not found\n');
    }
    if (method !== 'GET' && method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'Method not allowed\n');
    }
    response.setHeader('Cache-Control', 'no-cache');
    if (path === '/healthz') {
      const feed = await loadFeed();
      const body = JSON.stringify({
        status: feed === undefined ? 'no-feed' : 'ok',
        lastModified: feed?.lastModified.toISOString(),
        ...options.health?.(),
      });
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      return send(response, feed === undefined ? 503 : 200, method === 'HEAD' ? '' : body);
    }
    if (
      options.auth !== undefined &&
      !checkBasicAuth(request.headers.authorization, options.auth)
    ) {
      response.setHeader('WWW-Authenticate', 'Basic realm="kaspi-connect", charset="UTF-8"');
      return send(response, 401, 'Authentication required\n');
    }
    const feed = await loadFeed();
    if (feed === undefined) {
      return send(
        response,
        503,
        'No feed file to serve: run "kaspi-connect sync" (it publishes the feed, and writes a deleted one again)\n',
      );
    }

    const useGzip = acceptsGzip(request.headers['accept-encoding']);
    const etag = useGzip ? `${feed.etag.slice(0, -1)}-gz"` : feed.etag;
    response.setHeader('ETag', etag);
    response.setHeader('Last-Modified', feed.lastModified.toUTCString());
    response.setHeader('Vary', 'Accept-Encoding');
    // Set before a 304 too: it describes the representation the client already holds.
    response.setHeader('Content-Type', 'application/xml; charset=utf-8');
    if (notModified(request, feed)) return send(response, 304, '');

    const body = useGzip ? feed.gzipped : feed.body;
    if (useGzip) response.setHeader('Content-Encoding', 'gzip');
    response.setHeader('Content-Length', body.byteLength);
    response.writeHead(200);
    response.end(method === 'HEAD' ? undefined : body);
    return 200;
  }

  const server = createServer((request, response) => {
    handle(request, response).then(
      (status) =>
        options.onRequest?.({
          method: request.method ?? 'GET',
          path: pathnameOf(request.url),
          status,
          bytes: Number(response.getHeader('Content-Length') ?? 0),
          ip: request.socket.remoteAddress,
          forwardedFor: headerValue(request.headers['x-forwarded-for']),
          userAgent: headerValue(request.headers['user-agent']),
        }),
      () => {
        if (!response.headersSent) send(response, 500, 'Internal error\n');
        else response.destroy();
      },
    );
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(listenError(error, options.host ?? '127.0.0.1', options.port ?? 0));
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  options.signal?.addEventListener('abort', () => void close(), { once: true });
  return { url, feedUrl: `${url}${options.urlPath}`, server, close };
}

/** The feed server could not listen; the message says why and what to change. */
export class FeedServerListenError extends Error {
  override readonly name = 'FeedServerListenError';
  /** The system error code, such as `EADDRINUSE`. */
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined, cause: unknown) {
    super(message, { cause });
    this.code = code;
  }
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host}:${port}`;
  const fix =
    error.code === 'EADDRINUSE'
      ? `port ${port} is in use: another kaspi-connect serve/run (or another program) is already listening there; stop it, or choose another port with --port or server.port`
      : error.code === 'EACCES'
        ? `ports below 1024 need privileges: use a port such as 8080 behind the reverse proxy (server.port or --port)`
        : error.code === 'EADDRNOTAVAIL'
          ? `${host} is not an address of this machine: check server.host`
          : error.message;
  return new FeedServerListenError(`cannot serve the feed on ${where}: ${fix}`, error.code, error);
}

function send(response: ServerResponse, status: number, body: string): number {
  if (!response.hasHeader('Content-Type')) {
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  }
  response.setHeader('Content-Length', Buffer.byteLength(body));
  response.writeHead(status);
  response.end(body);
  return status;
}

/** The raw path before `?`; never decoded or normalised, so `/a/../kaspi.xml` does not match. */
function pathnameOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}

function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function notModified(request: IncomingMessage, feed: CachedFeed): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const base = feed.etag.slice(1, -1);
    return ifNoneMatch.split(',').some((tag) => {
      const value = tag.trim().replace(/^W\//, '');
      return value === '*' || value === `"${base}"` || value === `"${base}-gz"`;
    });
  }
  const since = request.headers['if-modified-since'];
  if (since === undefined) return false;
  const sinceMs = Date.parse(since);
  return !Number.isNaN(sinceMs) && feed.lastModified.getTime() <= sinceMs;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
