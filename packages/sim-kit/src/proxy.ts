import { type IncomingMessage, request } from 'node:http';
import type { RouteHandler } from './server.js';

// Hop-by-hop headers describe one connection; the kit frames the answer itself.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/**
 * A handler that forwards the request to `upstream` (a server on 127.0.0.1) and answers what it
 * answers, so the kit's faults can sit in front of a real server (S3, a feed host). The `Host`
 * header goes through unchanged (which `fetch` would not do): signed requests stay valid.
 */
export function proxyTo(upstream: string): RouteHandler<never> {
  const { hostname: host, port } = new URL(upstream);
  return async (req) => {
    const body = await req.bytes();
    const headers = Object.fromEntries([...req.headers].filter(([name]) => !HOP_BY_HOP.has(name)));
    if (body.byteLength > 0) headers['content-length'] = String(body.byteLength);
    const path = `${req.url.pathname}${req.url.search}`;
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      request({ host, port, method: req.method, path, headers }, resolve)
        .on('error', reject)
        .end(body);
    });
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const out = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
    }
    const status = res.statusCode ?? 502;
    const empty = status === 204 || status === 304 || req.method === 'HEAD';
    return new Response(empty ? null : Buffer.concat(chunks), { status, headers: out });
  };
}
