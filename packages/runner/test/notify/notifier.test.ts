import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotifyConfig } from '../../src/config/schema.js';
import { readLiveness } from '../../src/liveness/status-section.js';
import { startNotifier } from '../../src/notify/notifier.js';
import { signWebhook, WEBHOOK_HEADERS } from '../../src/notify/webhook.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { attentionOrder } from '../helpers/attention-order.js';
import { testConfig } from '../helpers/config.js';
import {
  type FakeServer,
  startFakeTelegram,
  startWebhookReceiver,
} from '../helpers/fake-notify-servers.js';

const TOKEN = '123456:TEST-bot-token-abcdef';
const SECRET = 'webhook-signing-secret';

describe('notifier', () => {
  let telegram: FakeServer;
  let webhook: FakeServer;
  let store: SqliteStateStore;
  let controller: AbortController;
  let clock: Date;

  beforeEach(async () => {
    telegram = await startFakeTelegram(TOKEN);
    webhook = await startWebhookReceiver();
    store = new SqliteStateStore(':memory:');
    controller = new AbortController();
    clock = new Date('2026-12-01T12:00:00Z');
  });
  afterEach(async () => {
    controller.abort();
    store.close();
    await telegram.close();
    await webhook.close();
  });

  const notifyConfig = (overrides: Record<string, unknown> = {}): NotifyConfig =>
    testConfig({
      notify: {
        telegram: { chatId: '-1001', apiBaseUrl: telegram.url },
        webhook: { url: `${webhook.url}/hook` },
        feedNotFetchedHours: 0,
        ...overrides,
      },
    }).notify;

  const notifier = (config: NotifyConfig, token = TOKEN) => {
    const started = startNotifier({
      store,
      config,
      secrets: { telegramBotToken: token, webhookSecret: SECRET },
      timeZone: 'Asia/Almaty',
      signal: controller.signal,
      now: () => clock,
      everyMs: 3_600_000, // passes are driven by tick() in these tests
    });
    if (started === undefined) throw new Error('no notifier');
    return started;
  };

  it('tells Telegram and the signed webhook once about an order needing a person', async () => {
    store.saveOrder(attentionOrder('700001'));
    const n = notifier(notifyConfig());
    await n.tick();
    await n.tick();
    expect(telegram.received).toHaveLength(1);
    const message = JSON.parse(telegram.received[0]?.body ?? '{}');
    expect(message.chat_id).toBe('-1001');
    expect(message.text).toContain('Заказ 700001 ждёт решения: out-of-stock');
    expect(webhook.received).toHaveLength(1);
    const hook = webhook.received[0];
    const timestamp = String(hook?.headers[WEBHOOK_HEADERS.timestamp.toLowerCase()]);
    expect(hook?.headers[WEBHOOK_HEADERS.signature.toLowerCase()]).toBe(
      signWebhook(SECRET, timestamp, hook?.body ?? ''),
    );
    expect(JSON.parse(hook?.body ?? '{}')).toMatchObject({
      kind: 'order-attention',
      data: { code: '700001', reason: 'out-of-stock' },
    });
    expect(store.activity.outbox(10).map((row) => row.state)).toEqual(['sent', 'sent']);
  });

  it('retries a failed delivery with backoff and delivers it once', async () => {
    store.saveOrder(attentionOrder('700002'));
    telegram.faults.push(
      { status: 502 },
      {
        status: 429,
        body: { ok: false, description: 'Too Many Requests', parameters: { retry_after: 120 } },
      },
    );
    const n = notifier(notifyConfig({ webhook: undefined }));
    await n.tick();
    expect(telegram.received).toHaveLength(1);
    const [first] = store.activity.outbox(1);
    expect(first?.state).toBe('pending');
    expect(first?.nextAttemptAt.getTime()).toBe(clock.getTime() + 30_000);
    await n.tick(); // not due yet
    expect(telegram.received).toHaveLength(1);
    clock = new Date(clock.getTime() + 30_000);
    await n.tick(); // 429 with retry_after 120 s beats the 60 s backoff
    expect(store.activity.outbox(1)[0]?.nextAttemptAt.getTime()).toBe(clock.getTime() + 120_000);
    clock = new Date(clock.getTime() + 120_000);
    await n.tick();
    await n.tick();
    expect(telegram.received).toHaveLength(3);
    expect(store.activity.outbox(1)[0]).toMatchObject({ state: 'sent', attempts: 3 });
  });

  it('gives up on a refused bot token, shows it in status and never leaks the token', async () => {
    store.saveOrder(attentionOrder('700003'));
    const n = notifier(notifyConfig({ webhook: undefined }), `${TOKEN}-wrong`);
    await n.tick();
    const [row] = store.activity.outbox(1);
    expect(row?.state).toBe('failed');
    expect(row?.lastError).toContain('HTTP 401');
    expect(row?.lastError).not.toContain(TOKEN);
    const report = readLiveness(store, notifyConfig({ webhook: undefined }));
    expect(report.problems.join('\n')).toMatch(/notifications via telegram are not delivering/);
  });

  it('reports refused syncs, a feed Kaspi stopped fetching, and one daily summary', async () => {
    const run = store.beginRun('full', clock);
    store.finishRun(run, {
      status: 'refused',
      exitCode: 3,
      summary: {
        mode: 'full',
        supplierProducts: 10,
        offers: 5,
        available: 5,
        unavailable: 0,
        retained: 0,
        retired: 0,
        skipped: {},
        conflicts: [],
        refusals: ['5 of 10 published offers would disappear'],
        timingsMs: {},
      },
    });
    store.recordPublishedFeed({
      runId: run,
      path: '/f.xml',
      sha256: 'x',
      offers: 10,
      available: 9,
      bytes: 1,
      publishedAt: new Date(clock.getTime() - 5 * 3_600_000),
    });
    store.activity.recordFeedFetch({
      at: new Date(clock.getTime() - 4 * 3_600_000),
      ip: '10.0.0.1',
      userAgent: 'Kaspi',
      status: 200,
      bytes: 1,
    });
    const config = notifyConfig({
      webhook: undefined,
      feedNotFetchedHours: 3,
      dailySummaryAt: '17:00',
      language: 'en',
    });
    const n = notifier(config);
    await n.tick(); // 17:00 Almaty = 12:00 UTC
    await n.tick();
    const texts = telegram.received.map((r) => JSON.parse(r.body).text as string);
    expect(texts).toHaveLength(3);
    expect(texts.some((t) => t.startsWith(`Sync #${run} (full) was refused`))).toBe(true);
    expect(texts.some((t) => t.startsWith('Kaspi has not fetched the feed for 3 h'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Summary of 2026-12-01: 10 offers, 9 available'))).toBe(
      true,
    );
  });
});
