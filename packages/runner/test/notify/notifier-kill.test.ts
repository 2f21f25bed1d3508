import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { attentionOrder } from '../helpers/attention-order.js';
import { type FakeServer, startFakeTelegram } from '../helpers/fake-notify-servers.js';

const TOKEN = '123456:KILL-test-token';
const ORDERS = 12;
const CHILD = new URL('../helpers/notifier-child.mjs', import.meta.url).pathname;

function startChild(db: string, telegram: FakeServer): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      NOTIFIER_CHILD: JSON.stringify({ db, token: TOKEN, telegramUrl: telegram.url }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  );

describe('notifier killed mid-delivery', () => {
  let dir: string;
  let telegram: FakeServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kc-notify-kill-'));
    telegram = await startFakeTelegram(TOKEN);
  });
  afterAll(async () => {
    await telegram.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('never delivers a notification twice after SIGKILL and restarts, and loses only the one in flight', async () => {
    const db = join(dir, 'state.db');
    const seed = new SqliteStateStore(db);
    for (let i = 0; i < ORDERS; i++) seed.saveOrder(attentionOrder(String(800_000 + i)));
    seed.close();

    // Each round: let a few deliveries through, hold the next one in flight, kill the child.
    const deliveredPerRound = [3, 4];
    for (const delivered of deliveredPerRound) {
      const before = telegram.received.length;
      telegram.faults.push(...Array.from({ length: delivered }, () => ({ holdMs: 0 })), {
        holdMs: 10_000,
      });
      const child = startChild(db, telegram);
      await until('a held delivery', () => telegram.received.length === before + delivered + 1);
      child.kill('SIGKILL');
      await exited(child);
      telegram.faults.length = 0;
    }
    const last = startChild(db, telegram);
    const store = new SqliteStateStore(db);
    try {
      // Settled: every row but the ones stranded mid-send by the kills has been sent.
      await until('every other row sent', () => {
        const rows = store.activity.outbox(100);
        const sent = rows.filter((row) => row.state === 'sent').length;
        return rows.length === ORDERS && sent === ORDERS - deliveredPerRound.length;
      });
      last.kill('SIGTERM');
      await exited(last);
      const texts = telegram.received.map((r) => JSON.parse(r.body).text as string);
      // Judged by the fake's own record: no message arrived twice.
      expect(new Set(texts).size).toBe(texts.length);
      const rows = store.activity.outbox(100);
      const sent = rows.filter((row) => row.state === 'sent').length;
      const inFlightAtKill = rows.filter((row) => row.state !== 'sent').length;
      expect(inFlightAtKill).toBe(deliveredPerRound.length);
      expect(sent).toBe(ORDERS - deliveredPerRound.length);
      // The held ones reached Telegram (it just never answered): every order was told once.
      expect(texts).toHaveLength(ORDERS);
    } finally {
      store.close();
    }
  }, 60_000);
});
