import { request } from 'node:http';
import type { RouteHandler } from './server.js';

// Hop-by-hop headers describe one connection; the kit frames the answer itself.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/**
 * A handler that forwards the request to `upstream` (a server on 127.0.0.1) and answers what it
 * answers, so the kit's faults can sit in front of a real server (S3, a feed host). The `Host`
 * header goes through unchanged: signed requests stay valid.
 */
export function proxyTo(upstream: string): RouteHandler<never> {
  const target = new URL(upstream);
  return async (req) => {
    const body = await req.bytes();
    const headers: Record<string, string> = {};
    req.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) headers[name] = value;
    });
    if (body.byteLength > 0) headers['content-length'] = String(body.byteLength);
    return new Promise<Response>((resolve, reject) => {
      const forward = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: `${req.url.pathname}${req.url.search}`,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const out = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (value === undefined || HOP_BY_HOP.has(name)) continue;
              for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
            }
            const status = res.statusCode ?? 502;
            const empty = status === 204 || status === 304 || req.method === 'HEAD';
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: out }));
          });
        },
      );
      forward.on('error', reject);
      forward.end(body);
    });
  };
}
