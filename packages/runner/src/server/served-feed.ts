import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { BasicCredentials } from './basic-auth.js';

const gzipAsync = promisify(gzip);

/** A feed ready to serve: its bytes, gzipped bytes and validators. */
export interface ServedFeed {
  /** Changes whenever the bytes may have changed (the loader's cache key). */
  readonly key: string;
  readonly body: Buffer;
  readonly gzipped: Buffer;
  /** A strong ETag of the bytes, quoted. */
  readonly etag: string;
  readonly lastModified: Date;
}

/** What the server serves at one URL path: the credentials it needs and how to read it. */
export interface FeedRoute {
  readonly auth?: BasicCredentials | undefined;
  /** `undefined`: nothing published yet (503). */
  load(): Promise<ServedFeed | undefined>;
  /** The 503 body when nothing is published, saying what to do. */
  readonly missing?: string | undefined;
}

/** Maps a request path to its feed; `undefined` is a 404. */
export interface FeedSource {
  route(path: string): FeedRoute | undefined;
  /** Whether anything can be served, for `/healthz`. */
  health(): Promise<
    { readonly ok: boolean; readonly lastModified?: Date | undefined } & Readonly<
      Record<string, unknown>
    >
  >;
}

/** The ETag of feed bytes: the same bytes give the same tag on every node. */
export function feedEtag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Builds a `ServedFeed`, gzipping once per new feed. */
export async function servedFeed(
  key: string,
  body: Buffer,
  lastModified: Date,
  etag?: string,
): Promise<ServedFeed> {
  return {
    key,
    body,
    gzipped: await gzipAsync(body),
    etag: etag ?? feedEtag(body),
    lastModified: new Date(Math.floor(lastModified.getTime() / 1000) * 1000),
  };
}

/** Whether the client asked for gzip (or `*`) with a non-zero quality. */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** `If-None-Match` (either encoding's tag) first, else `If-Modified-Since`. */
export function notModified(request: IncomingMessage, feed: ServedFeed): boolean {
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
