import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import {
  type Connection,
  faultOutcome,
  type Outcome,
  type StatusFaultReply,
  settle,
} from './apply-fault.js';
import { type FaultKind, type FaultQueue, TRANSPORT_FAULTS } from './faults.js';
import { delay, type LatencyModel } from './latency.js';
import type { SimServerOptions } from './options.js';
import { type Redaction, redactHeaders, redactQuery, type SimRequestRecord } from './record.js';
import { reply } from './reply.js';
import { BodyReader, type RequestParts, type SimRequest, simRequest } from './request.js';

/** The hono environment of a simulator. */
export interface SimEnv {
  Bindings: HttpBindings;
  Variables: { parts: RequestParts; body: BodyReader; custom: unknown };
}

/** What the request pipeline shares with its server. */
export interface PipelineState<X extends { readonly kind: string }> {
  readonly options: SimServerOptions<X>;
  readonly prefix: string;
  readonly started: number;
  readonly latency: LatencyModel;
  readonly faults: FaultQueue<X>;
  readonly secrets: Redaction;
  readonly statusReply: StatusFaultReply;
  readonly requests: SimRequestRecord[];
  readonly rate: { intervalMs: number; lastAccepted: number };
}

const MIB = 1024 * 1024;

/** The handler's view of the request in `c`. */
export function viewOf<X>(c: Context<SimEnv>): SimRequest<X> {
  return simRequest(
    c.var.parts,
    c.var.body,
    c.req.param() as Record<string, string>,
    c.var.custom as X | undefined,
  );
}

/**
 * Every request goes: latency in → arrival (hook, rate limit) → latency out → a fault before
 * handling → guard → route → a fault after handling → one record.
 */
export function pipeline<X extends { readonly kind: string }>(
  state: PipelineState<X>,
): MiddlewareHandler<SimEnv> {
  const { options } = state;
  return async (c, next) => {
    const firstByte = performance.now();
    const url = new URL(c.req.url);
    const path = url.pathname.startsWith(state.prefix)
      ? url.pathname.slice(state.prefix.length)
      : url.pathname;
    const max = options.maxBodyBytes ?? 20 * MIB;
    const body = new BodyReader(c.req.raw, max);
    c.set('parts', { raw: c.req.raw, url, path, maxBodyBytes: max });
    c.set('body', body);
    const connection: Connection = { incoming: c.env.incoming, outgoing: c.env.outgoing };
    const draw = state.latency.draw(path);
    await delay(draw.inboundMs);
    const receivedAt = performance.now() - state.started;
    const req = viewOf<never>(c);
    const finish = async (outcome: Outcome, fault: string | null, rateLimited = false) => {
      const text = body.read ? await req.text().catch(() => undefined) : undefined;
      state.requests.push({
        method: req.method,
        path,
        query: redactQuery(url.searchParams, state.secrets),
        headers: redactHeaders(c.req.raw.headers, state.secrets),
        body: text === '' ? undefined : text,
        receivedAt,
        status: outcome instanceof Response ? outcome.status : 'no-response',
        latencyMs: performance.now() - firstByte,
        fault,
        rateLimited,
      });
      return settle(outcome, connection);
    };

    const arrival = options.arrive?.(req);
    const now = performance.now();
    const { rate } = state;
    const tooSoon =
      arrival === undefined && rate.intervalMs > 0 && now - rate.lastAccepted < rate.intervalMs;
    // Decided at arrival; the answer then takes its latency.
    if (arrival === undefined && !tooSoon) rate.lastAccepted = now;
    await delay(draw.outboundMs);
    if (arrival === 'hang') return finish('hanging', null);
    if (arrival !== undefined) return finish(arrival, null);
    if (tooSoon) return finish(options.tooSoon?.(req) ?? reply(429, ''), null, true);

    const fault = state.faults.take(req.method, path, url.search);
    const kind = fault?.kind ?? null;
    const transport =
      fault !== undefined && TRANSPORT_FAULTS.has(fault.kind)
        ? (fault as FaultKind & { afterHandling?: boolean })
        : undefined;
    const before =
      transport !== undefined && transport.afterHandling !== true && transport.kind !== 'malformed';
    if (before && transport.kind === 'slow') await delay(transport.delayMs);
    else if (before) {
      // An error answer still reads the upload, as a server does: the client then sees the answer.
      if (transport.kind === 'status' || transport.kind === 'html')
        await body.bytes().catch(() => {});
      return finish(await faultOutcome(transport, connection, state.statusReply, undefined), kind);
    }
    if (transport === undefined) c.set('custom', fault);
    const refused = options.guard?.(viewOf<X>(c));
    if (refused !== undefined) return finish(refused, kind);
    await next();
    const outcome =
      transport === undefined || before
        ? c.res
        : await faultOutcome(transport, connection, state.statusReply, c.res);
    // Replaced, not merged: hono would otherwise keep the handler's headers and body.
    const answer = await finish(outcome, kind);
    c.res = undefined;
    c.res = answer;
    return answer;
  };
}
