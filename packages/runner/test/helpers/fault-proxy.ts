import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to the next uploads (PUT requests); reads always pass through. */
export type HttpFault = 'none' | 'refuse' | 'drop' | 'blackhole';

/** An HTTP proxy on 127.0.0.1 in front of a real server, injecting faults into uploads. */
export interface FaultProxy {
  readonly url: string;
  fault: HttpFault;
  /** Uploads the proxy saw, by what it did with them. */
  readonly seen: Record<HttpFault, number>;
  close(): Promise<void>;
}

/**
 * `refuse` answers 503 SlowDown; `drop` reads half the body, then cuts the connection;
 * `blackhole` swallows the body and answers 200 without storing anything.
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const state = {
    fault: 'none' as HttpFault,
    seen: { none: 0, refuse: 0, drop: 0, blackhole: 0 } as Record<HttpFault, number>,
  };
  const server: Server = createServer((req, res) => {
    const fault = req.method === 'PUT' ? state.fault : 'none';
    if (req.method === 'PUT') state.seen[fault]++;
    if (fault === 'refuse') {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end(
        '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
      );
      return;
    }
    if (fault === 'blackhole') {
      req.resume();
      req.on('end', () => res.writeHead(200).end());
      return;
    }
    if (fault === 'drop') {
      // Real S3 never stores a request whose body was cut short, but s3rver writes in place and
      // would keep a torn object: so the cut happens here, before anything reaches it.
      const total = Number(req.headers['content-length'] ?? 0);
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= total / 2) req.socket.destroy();
      });
      return;
    }
    const upstreamReq = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (upstreamRes: IncomingMessage) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.on('error', () => res.destroy());
    req.pipe(upstreamReq);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get fault() {
      return state.fault;
    },
    set fault(value: HttpFault) {
      state.fault = value;
    },
    seen: state.seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
