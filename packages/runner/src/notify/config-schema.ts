import * as v from 'valibot';

const text = (what: string) =>
  v.pipe(v.string(`expected ${what} (a string)`), v.trim(), v.nonEmpty(`expected ${what}`));
const whole = (what: string, min: number) =>
  v.pipe(
    v.number(`expected ${what} (a whole number)`),
    v.integer(`expected ${what} to be a whole number`),
    v.minValue(min, `expected ${what} ≥ ${min}`),
  );

/** The `notify` section: Telegram and a signed webhook, delivered from the state store's outbox. */
export const notifyConfigSchema = v.optional(
  v.strictObject({
    telegram: v.optional(
      v.strictObject({
        /** The chat, group or channel id the bot writes to (see docs/notifications.md). */
        chatId: v.pipe(
          v.union([v.string(), v.number()], 'expected a Telegram chat id such as "-1001234567890"'),
          v.transform(String),
          v.regex(/^(-?\d+|@[A-Za-z0-9_]{5,})$/, 'expected a numeric chat id or "@channelname"'),
        ),
        /** Usually left out: read from `TELEGRAM_BOT_TOKEN`. */
        botToken: v.optional(text('a Telegram bot token')),
        /** The Bot API's base URL; change it only for a local Bot API server or a test fake. */
        apiBaseUrl: v.optional(
          v.pipe(text('a URL'), v.url('expected a URL')),
          'https://api.telegram.org',
        ),
      }),
    ),
    webhook: v.optional(
      v.strictObject({
        url: v.pipe(
          text('a webhook URL'),
          v.url('expected a URL such as "https://example.kz/hook"'),
        ),
        /** Usually left out: read from `NOTIFY_WEBHOOK_SECRET` (signs every body with HMAC-SHA256). */
        secret: v.optional(text('a webhook signing secret')),
      }),
    ),
    /** The language of the messages. */
    language: v.optional(v.picklist(['ru', 'en'], 'expected "ru" or "en"'), 'ru'),
    /** An order waits for a person. */
    orderAttention: v.optional(v.boolean('expected true or false'), true),
    /** A sync was refused by the safety guards or failed. */
    syncProblems: v.optional(v.boolean('expected true or false'), true),
    /** Each order accepted on Kaspi (can be many messages a day). */
    acceptedOrders: v.optional(v.boolean('expected true or false'), false),
    /** Warn when Kaspi has not fetched the feed for this many hours (0 = off). */
    feedNotFetchedHours: v.optional(whole('hours', 0), 3),
    /** Daily summary at this Almaty (schedule.timezone) time, "HH:MM"; leave out for none. */
    dailySummaryAt: v.optional(
      v.pipe(
        text('a time'),
        v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time such as "21:00"'),
      ),
    ),
    /**
     * How Kaspi's fetcher is recognised in the feed log. Kaspi does not document its address or
     * User-Agent, so by default every successful fetch of the feed counts.
     */
    kaspiFetcher: v.optional(
      v.strictObject({
        userAgentContains: v.optional(text('a User-Agent fragment')),
        ipPrefixes: v.optional(v.array(text('an IP prefix'), 'expected a list of IP prefixes')),
      }),
      {},
    ),
    /** Delivery attempts before a notification is given up (shown in status and the console). */
    maxAttempts: v.optional(whole('attempts', 1), 8),
    /** How often the outbox is checked for new events and due deliveries. */
    checkEverySeconds: v.optional(whole('seconds', 1), 30),
  }),
  {},
);
