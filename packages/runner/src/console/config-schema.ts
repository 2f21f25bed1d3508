import * as v from 'valibot';

const text = (what: string) =>
  v.pipe(v.string(`expected ${what} (a string)`), v.trim(), v.nonEmpty(`expected ${what}`));

/** The `console` section: the seller's web console, off until `CONSOLE_PASSWORD` is set. */
export const consoleConfigSchema = v.optional(
  v.strictObject({
    /** The user name of the login page; the password comes from `CONSOLE_PASSWORD`. */
    username: v.optional(text('a console user name'), 'admin'),
    /** URL path the console is served under, beside the feed. */
    path: v.optional(
      v.pipe(
        text('a URL path'),
        v.regex(/^\/[A-Za-z0-9_-]+$/, 'expected one path segment such as "/console"'),
      ),
      '/console',
    ),
    /** The language a new visitor sees; each visitor can switch. */
    language: v.optional(v.picklist(['ru', 'en'], 'expected "ru" or "en"'), 'ru'),
    /** How long a login lasts. */
    sessionHours: v.optional(
      v.pipe(
        v.number('expected hours (a number)'),
        v.minValue(0.1, 'expected at least 0.1 hours'),
        v.maxValue(720, 'expected at most 720 hours (30 days)'),
      ),
      12,
    ),
    /** Failed logins allowed per client address in 15 minutes before it must wait. */
    maxLoginAttempts: v.optional(
      v.pipe(
        v.number('expected a number of attempts'),
        v.integer('expected a whole number of attempts'),
        v.minValue(1, 'expected at least 1 attempt'),
      ),
      5,
    ),
    /**
     * Behind a TLS proxy: trust `X-Forwarded-For` and `X-Forwarded-Proto` (client address for
     * throttling and the feed log, and `Secure` cookies). Only when the proxy sets them.
     */
    trustProxy: v.optional(v.boolean('expected true or false'), false),
  }),
  {},
);
