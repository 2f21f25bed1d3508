import type { Writable } from 'node:stream';
import pino, { type Logger as PinoLogger } from 'pino';
import pinoPretty from 'pino-pretty';
import { formatLocalTime } from './local-time.js';
import { redactSecrets } from './redact.js';
import { aroundActiveLine } from './terminal-line.js';

/** Options of `createLogger`. */
export interface LoggerOptions {
  /** JSON lines (machines) or readable lines (people); default: readable on a TTY. */
  readonly json?: boolean | undefined;
  readonly level?: string | undefined;
  /** Secret values scrubbed from every message. */
  readonly secrets?: readonly string[] | undefined;
  /** Readable lines show times in this IANA zone (the schedule's); JSON stays UTC epoch ms. */
  readonly timeZone?: string | undefined;
  /** Default `process.stderr`: stdout stays free for command output. */
  readonly destination?: Writable | undefined;
}

/** Keys that never reach a log line, at any depth pino can address. */
const REDACT_PATHS = [
  'token',
  'password',
  'secret',
  'authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.authorization',
  'headers.authorization',
  'secrets.*',
];

/** pino for the CLI: JSON when not a TTY, readable colourless lines on one; secrets redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const isTty = (destination as { isTTY?: boolean }).isTTY === true;
  const json = options.json ?? !isTty;
  const secrets = options.secrets ?? [];
  const timeZone = options.timeZone;
  const stream = json
    ? destination
    : pinoPretty({
        destination: isTty ? aroundActiveLine(destination) : destination,
        sync: true,
        colorize: isTty && process.env.NO_COLOR === undefined,
        // People read the seller's time (the schedule's zone), whatever the server's zone is.
        ...(timeZone === undefined
          ? { translateTime: 'SYS:HH:MM:ss' }
          : {
              translateTime: false,
              customPrettifiers: {
                time: (value: unknown) => formatLocalTime(new Date(Number(value)), timeZone),
              },
            }),
        ignore: 'pid,hostname',
        singleLine: true,
      });
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      hooks: {
        // Messages and string arguments may embed a URL with the Al-Style token.
        logMethod(args, method) {
          const clean = args.map((arg) =>
            typeof arg === 'string' ? redactSecrets(arg, secrets) : arg,
          ) as Parameters<typeof method>;
          method.apply(this, clean);
        },
      },
      formatters: {
        log: (object) => scrub(object, secrets) as Record<string, unknown>,
      },
      base: null,
    },
    stream,
  );
}

/** Redacts secrets inside nested string values (error messages, URLs). */
function scrub(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactSecrets(value.message, secrets) };
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, scrub(item, secrets, depth + 1)]),
  );
}

/** The logger `createLogger` returns: pino's, with the config's secrets redacted. */
export type Logger = PinoLogger;
