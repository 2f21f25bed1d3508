import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseEnv } from 'node:util';
import * as v from 'valibot';
import { assertCronExpression } from '../schedule/scheduler.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { configSchema, type KaspiConnectConfig } from './schema.js';

/** Looked up in this order in the working directory when no `--config` is given. */
export const CONFIG_FILE_NAMES = [
  'kaspi-connect.config.ts',
  'kaspi-connect.config.mts',
  'kaspi-connect.config.js',
  'kaspi-connect.config.mjs',
  'kaspi-connect.config.json',
] as const;

/** Environment variables that hold secrets; config values, when given, win. */
export const SECRET_ENV = {
  alstyleToken: 'ALSTYLE_TOKEN',
  kaspiToken: 'KASPI_TOKEN',
  feedPassword: 'FEED_PASSWORD',
  consolePassword: 'CONSOLE_PASSWORD',
  telegramBotToken: 'TELEGRAM_BOT_TOKEN',
  webhookSecret: 'NOTIFY_WEBHOOK_SECRET',
} as const;

/** Secrets resolved from the config or the environment; never logged. */
export interface Secrets {
  readonly alstyleToken?: string | undefined;
  readonly kaspiToken?: string | undefined;
  readonly feedPassword?: string | undefined;
  readonly consolePassword?: string | undefined;
  readonly telegramBotToken?: string | undefined;
  readonly webhookSecret?: string | undefined;
}

/** A validated config with its secrets, source file and base directory. */
export interface ResolvedConfig {
  readonly config: KaspiConnectConfig;
  readonly secrets: Secrets;
  /** The file it came from, if any. */
  readonly file: string | undefined;
  /** Relative paths in the config are resolved against this directory. */
  readonly baseDir: string;
}

/** Options of `loadConfig`. */
export interface LoadConfigOptions {
  readonly cwd?: string | undefined;
  /** Explicit config file; otherwise `CONFIG_FILE_NAMES` are searched in `cwd`. */
  readonly file?: string | undefined;
  /** Defaults to `process.env`; `.env` in `cwd` fills in what it lacks. */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/** Finds, reads and validates the config; throws `ConfigError` naming every bad key. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const file =
    options.file === undefined
      ? CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((path) => existsSync(path))
      : resolve(cwd, options.file);
  if (file === undefined) {
    throw new ConfigError(undefined, [
      {
        key: '(file)',
        message: `no ${CONFIG_FILE_NAMES.join(' / ')} in ${cwd}; run "kaspi-connect init" to create one`,
      },
    ]);
  }
  if (!existsSync(file)) {
    throw new ConfigError(file, [{ key: '(file)', message: 'file not found' }]);
  }
  const raw = await readConfigFile(file);
  const env = { ...readDotEnv(cwd), ...(options.env ?? process.env) };
  return { ...parseConfig(raw, env, file), baseDir: cwd };
}

/** Validates an already-loaded config object (the core of `loadConfig`, also used by the demo). */
export function parseConfig(
  raw: unknown,
  env: NodeJS.ProcessEnv,
  file?: string,
): Omit<ResolvedConfig, 'baseDir'> {
  const result = v.safeParse(configSchema, raw, { abortPipeEarly: true });
  if (!result.success) {
    throw new ConfigError(
      file,
      result.issues.map((issue) => ({
        key: v.getDotPath(issue) ?? '(root)',
        message: friendlyMessage(issue),
      })),
    );
  }
  const config = result.output;
  const issues: ConfigIssue[] = [];
  config.schedule.fullSync.forEach((pattern, index) => {
    try {
      assertCronExpression(pattern, config.schedule.timezone);
    } catch (error) {
      issues.push({
        key: `schedule.fullSync.${index}`,
        message: `expected a cron expression such as "0 9 * * *", got "${pattern}" (${(error as Error).message})`,
      });
    }
  });
  if (config.server.password !== undefined && config.server.username === undefined) {
    issues.push({ key: 'server.username', message: 'expected a user name when a password is set' });
  }
  if (issues.length > 0) throw new ConfigError(file, issues);

  const secrets: Secrets = {
    alstyleToken: config.suppliers.alstyle?.token ?? nonEmpty(env[SECRET_ENV.alstyleToken]),
    kaspiToken: nonEmpty(env[SECRET_ENV.kaspiToken]),
    feedPassword: config.server.password ?? nonEmpty(env[SECRET_ENV.feedPassword]),
    consolePassword: nonEmpty(env[SECRET_ENV.consolePassword]),
    telegramBotToken:
      config.notify.telegram?.botToken ?? nonEmpty(env[SECRET_ENV.telegramBotToken]),
    webhookSecret: config.notify.webhook?.secret ?? nonEmpty(env[SECRET_ENV.webhookSecret]),
  };
  return { config, secrets, file };
}

/** Throws a `ConfigError` that says where to put a secret a command needs. */
export function requireSecret(resolved: ResolvedConfig, name: keyof Secrets): string {
  const value = resolved.secrets[name];
  if (value !== undefined) return value;
  const key =
    name === 'alstyleToken'
      ? 'suppliers.alstyle.token'
      : name === 'feedPassword'
        ? 'server.password'
        : name;
  throw new ConfigError(resolved.file, [
    {
      key,
      message: `expected a secret: set ${SECRET_ENV[name]} in the environment or in .env`,
    },
  ]);
}

/** valibot's generic key messages, said for people. */
function friendlyMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.expected === 'never') {
    return 'unknown option (check the spelling; "kaspi-connect init" writes every option)';
  }
  if (issue.kind === 'schema' && issue.input === undefined && issue.expected?.startsWith('"')) {
    return 'required but missing';
  }
  return issue.message;
}

async function readConfigFile(file: string): Promise<unknown> {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
      throw new ConfigError(
        file,
        [{ key: '(file)', message: `not valid JSON: ${(error as Error).message}` }],
        {
          cause: error,
        },
      );
    }
  }
  try {
    const url = pathToFileURL(file).href;
    // tsx compiles the TypeScript config on the fly; plain JS needs no loader.
    const module = (
      /\.m?ts$/.test(file)
        ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url)
        : await import(url)
    ) as { default?: unknown };
    // A .ts file outside an ESM package loads as CommonJS: its default export is nested once more.
    const value = module.default;
    if (isRecord(value) && 'default' in value && !('shop' in value)) return value.default;
    return value;
  } catch (error) {
    throw new ConfigError(
      file,
      [{ key: '(file)', message: `could not be loaded: ${(error as Error).message}` }],
      {
        cause: error,
      },
    );
  }
}

function readDotEnv(cwd: string): NodeJS.ProcessEnv {
  const path = resolve(cwd, '.env');
  return existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
