import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BasicCredentials, checkBasicAuth } from './basic-auth.js';
import { fileFeedSource } from './file-feed-source.js';
import { acceptsGzip, type FeedRoute, type FeedSource, notModified } from './served-feed.js';

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

/** Options of every feed server mode: where to listen and what to tell. */
export type FeedListenOptions = Pick<
  FeedServerOptions,
  'host' | 'port' | 'signal' | 'health' | 'onRequest' | 'app'
>;

/**
 * Serves the published feed and `/healthz` with `node:http`, nothing else: no URL is mapped to
 * the file system, so no path can reach another file.
 */
export function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  const source = fileFeedSource(options.feedFile, options.urlPath, options.auth);
  return serveFeedSource(source, options, options.urlPath);
}

/** Serves the feeds of `source` (one file, or every shop's feed from the database). */
export async function serveFeedSource(
  source: FeedSource,
  options: FeedListenOptions,
  feedPath: string,
): Promise<FeedServer> {
  const server = createServer((request, response) => {
    handleRequest(source, options, request, response).then(
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
  const url = await listen(server, options.host ?? '127.0.0.1', options.port ?? 0);
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  options.signal?.addEventListener('abort', () => void close(), { once: true });
  return { url, feedUrl: `${url}${feedPath}`, server, close };
}

async function listen(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => reject(listenError(error, host, port));
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shown}:${address.port}`;
}

async function handleRequest(
  source: FeedSource,
  options: FeedListenOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<number> {
  const method = request.method ?? 'GET';
  const path = pathnameOf(request.url);
  const app = options.app;
  if (app !== undefined && (path === app.prefix || path.startsWith(`${app.prefix}/`))) {
    await app.listener(request, response);
    return response.statusCode;
  }
  const route = path === '/healthz' ? undefined : source.route(path);
  if (route === undefined && path !== '/healthz') return send(response, 404, 'Not found\n');
  if (method !== 'GET' && method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return send(response, 405, 'Method not allowed\n');
  }
  response.setHeader('Cache-Control', 'no-cache');
  if (route === undefined) {
    const { ok, lastModified, ...rest } = await source.health();
    const body = JSON.stringify({
      status: ok ? 'ok' : 'no-feed',
      lastModified: lastModified?.toISOString(),
      ...rest,
      ...options.health?.(),
    });
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    return send(response, ok ? 200 : 503, method === 'HEAD' ? '' : body);
  }
  return serveRoute(route, request, response);
}

async function serveRoute(
  route: FeedRoute,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<number> {
  if (route.auth !== undefined && !checkBasicAuth(request.headers.authorization, route.auth)) {
    response.setHeader('WWW-Authenticate', 'Basic realm="kaspi-connect", charset="UTF-8"');
    return send(response, 401, 'Authentication required\n');
  }
  const feed = await route.load();
  if (feed === undefined) {
    return send(
      response,
      503,
      route.missing ??
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
  response.end(request.method === 'HEAD' ? undefined : body);
  return 200;
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

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
