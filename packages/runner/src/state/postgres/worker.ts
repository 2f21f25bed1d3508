import { workerData } from 'node:worker_threads';
import pg from 'pg';
import { OrderConflictError } from '../../orders/transitions.js';
import { migrate, type PgContext } from './context.js';
import { handlers } from './handlers.js';
import type { CallMessage, ReplyMessage, WireError, WorkerSetup } from './protocol.js';

// The thread that owns the PostgreSQL connections of one `PostgresStateStore`: it runs each call
// and bumps the shared counter so the blocked caller wakes up and reads the reply.
const setup = workerData as WorkerSetup;
const counter = new Int32Array(setup.signal);
const pool = new pg.Pool({
  connectionString: setup.url,
  max: setup.poolSize,
  application_name: setup.applicationName,
});
// An idle connection dropped by the server: the pool replaces it on the next call.
pool.on('error', () => undefined);
const ctx: PgContext = {
  pool,
  shop: setup.shop,
  url: setup.url,
  lockClient: undefined,
  sessionLocked: false,
};

function toWire(error: unknown): WireError {
  if (error instanceof OrderConflictError) {
    return {
      name: error.name,
      message: error.message,
      conflict: { kaspiCode: error.kaspiCode, expected: error.expected, actual: error.actual },
    };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      code: typeof code === 'string' ? code : undefined,
    };
  }
  return { name: 'Error', message: String(error) };
}

async function run(message: CallMessage): Promise<unknown> {
  if (message.method === '$open') return migrate(ctx);
  // The bridge's own cost, without a query (the benchmark).
  if (message.method === '$ping') return undefined;
  if (message.method === '$close') {
    await ctx.lockClient?.end().catch(() => undefined);
    await pool.end();
    return undefined;
  }
  const handler = (
    handlers as Record<string, (ctx: PgContext, ...args: unknown[]) => Promise<unknown>>
  )[message.method];
  if (handler === undefined) throw new Error(`unknown store call ${message.method}`);
  return handler(ctx, ...message.args);
}

setup.port.on('message', (message: CallMessage) => {
  void run(message)
    .then(
      (value): ReplyMessage => ({ id: message.id, ok: true, value }),
      (error: unknown): ReplyMessage => ({ id: message.id, ok: false, error: toWire(error) }),
    )
    .then((reply) => {
      setup.port.postMessage(reply);
      Atomics.add(counter, 0, 1);
      Atomics.notify(counter, 0);
      if (message.method === '$close') setup.port.close();
    });
});
