import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseEnv } from 'node:util';
import * as v from 'valibot';
import { redactSecrets } from '../logging/redact.js';
import { resolveTargetSecrets, type TargetSecrets } from '../publish/targets/create-targets.js';
import { assertCronExpression } from '../schedule/scheduler.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { crossCheckConfig } from './cross-checks.js';
import { configSchema, type KaspiConnectConfig } from './schema.js';
import { jsonErrorMessage, loadErrorMessage } from './source-safe-errors.js';

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
  /** Secrets of `feed.targets` from the environment, keyed `<target>.<field>`. */
  readonly targetSecrets?: TargetSecrets | undefined;
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
  // Relative paths and .env belong to the config file, so the working directory of a cron job
  // or a unit cannot silently point the runner at a new empty database.
  const baseDir = dirname(file);
  const env = { ...readDotEnv(cwd), ...readDotEnv(baseDir), ...(options.env ?? process.env) };
  const knownSecrets = Object.values(SECRET_ENV)
    .map((key) => nonEmpty(env[key]))
    .filter((value): value is string => value !== undefined);
  const raw = await readConfigFile(file, knownSecrets);
  const parsed = parseConfig(raw, env, file);
  assertNoMovedState(parsed.config, baseDir, cwd, file);
  return { ...parsed, baseDir };
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
  issues.push(...crossCheckConfig(config, nonEmpty(env[SECRET_ENV.feedPassword]) !== undefined));
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
  return { config, secrets, file, targetSecrets: resolveTargetSecrets(config.feed.targets, env) };
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

async function readConfigFile(file: string, secrets: readonly string[]): Promise<unknown> {
  if (file.endsWith('.json')) {
    const source = readFileSync(file, 'utf8');
    try {
      return JSON.parse(source) as unknown;
    } catch (error) {
      throw new ConfigError(file, [{ key: '(file)', message: jsonErrorMessage(error, source) }]);
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
    // No `cause`: a loader's error can quote the file, and the file may hold a token.
    throw new ConfigError(file, [
      { key: '(file)', message: redactSecrets(loadErrorMessage(error), secrets) },
    ]);
  }
}

/**
 * Relative paths used to follow the working directory: when the database exists there but not
 * next to the config file, stop instead of starting over with an empty one.
 */
function assertNoMovedState(
  config: KaspiConnectConfig,
  baseDir: string,
  cwd: string,
  file: string,
): void {
  if (baseDir === cwd || isAbsolute(config.state.path)) return;
  const now = resolve(baseDir, config.state.path);
  const before = resolve(cwd, config.state.path);
  if (existsSync(before) && !existsSync(now)) {
    throw new ConfigError(file, [
      {
        key: 'state.path',
        message: `relative paths now resolve against the config file's folder: the database is at ${before} but state.path points to ${now}; move it there (with its -wal file) or set an absolute state.path`,
      },
    ]);
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
