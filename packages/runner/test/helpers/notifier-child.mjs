// The notifier in a child process, for the kill test (test/notify/notifier-kill.test.ts). It runs
// the runner's source (started with `--import tsx`: the notifier is internal, not in dist's
// entries) against a state file and a fake Telegram, until the parent kills it.
import { parseConfig } from '../../src/config/load-config.js';
import { startNotifier } from '../../src/notify/notifier.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';

const cfg = JSON.parse(process.env.NOTIFIER_CHILD ?? '{}');
const { config } = parseConfig(
  {
    shop: { company: 'Test Shop', merchantId: '30453464', stores: [{ id: 'PP1' }] },
    suppliers: { alstyle: {} },
    notify: { telegram: { chatId: '-1001', apiBaseUrl: cfg.telegramUrl }, feedNotFetchedHours: 0 },
  },
  { TELEGRAM_BOT_TOKEN: cfg.token },
);
const store = new SqliteStateStore(cfg.db);
const controller = new AbortController();
process.on('SIGTERM', () => controller.abort());
const notifier = startNotifier({
  store,
  config: config.notify,
  secrets: { telegramBotToken: cfg.token },
  timeZone: 'Asia/Almaty',
  signal: controller.signal,
  everyMs: 20,
});
process.stdout.write('started\n');
await notifier?.done;
store.close();
