import { resolve } from 'node:path';
import { KaspiError } from '@kaspi-connect/kaspi-client';
import type { ArgsDef } from 'citty';
import { assertWritableFolders } from '../commands/preflight.js';
import { openRuntime, type Runtime } from '../commands/runtime.js';
import { ConfigError } from '../config/config-error.js';
import { type LoadConfigOptions, loadConfig, type ResolvedConfig } from '../config/load-config.js';
import { ExitCode } from '../exit-codes.js';
import { explainError } from '../logging/explain-error.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { logTargetEvents } from '../publish/targets/log-events.js';
import { logAlStyleEvents, logKaspiEvents } from '../runtime/client-events.js';

/** Flags every command that reads the config accepts. */
export const commonArgs = {
  config: {
    type: 'string',
    description: 'Config file (default: kaspi-connect.config.{ts,mts,js,mjs,json})',
  },
  cwd: { type: 'string', description: 'Working directory for the config, .env and relative paths' },
  json: { type: 'boolean', description: 'JSON log lines even on a terminal' },
  verbose: { type: 'boolean', description: 'Debug logs (requests, retries, rate limits)' },
} as const satisfies ArgsDef;

export interface CommonFlags {
  readonly config?: string | undefined;
  readonly cwd?: string | undefined;
  readonly json?: boolean | undefined;
  readonly verbose?: boolean | undefined;
}

/**
 * Reads a numeric flag: `undefined` when absent, otherwise a whole number in `[min, max]`, or a
 * `ConfigError` naming the flag (exit code 2) instead of a silent `NaN`.
 */
export function wholeNumberFlag(
  name: string,
  value: string | undefined,
  range: { readonly min: number; readonly max: number },
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (Number.isSafeInteger(parsed) && parsed >= range.min && parsed <= range.max) return parsed;
  throw new ConfigError('command-line flags', [
    {
      key: `--${name}`,
      message: `expected a whole number from ${range.min} to ${range.max}, got "${value}"`,
    },
  ]);
}

export function loggerFor(
  flags: CommonFlags,
  secrets: readonly string[] = [],
  timeZone?: string | undefined,
): Logger {
  return createLogger({
    ...(flags.json === true ? { json: true } : {}),
    level: flags.verbose === true ? 'debug' : 'info',
    secrets,
    timeZone,
  });
}

export function loadConfigFor(flags: CommonFlags): Promise<ResolvedConfig> {
  const options: LoadConfigOptions = { cwd: flags.cwd, file: flags.config };
  return loadConfig(options);
}

/**
 * One AbortSignal for the whole process: the first SIGINT/SIGTERM aborts it so every wait,
 * request and job stops cleanly; a second one exits at once.
 */
export function shutdownSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(ExitCode.Interrupted);
    controller.abort(new Error(`received ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

/** Runs a command body; maps config errors and crashes to exit codes with a clear message. */
export async function guarded(body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = ExitCode.Config;
      return;
    }
    process.stderr.write(`kaspi-connect: ${explainError(error)}\n`);
    // A refused Kaspi token is a bad secret, like a missing one: fixed in .env, not by a retry.
    process.exitCode =
      KaspiError.isInstance(error) && error.name === 'KaspiAuthError'
        ? ExitCode.Config
        : ExitCode.Failure;
  }
}

/** What a long-running command works with. */
export interface CommandContext {
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
  /** Redacts every secret of the config. */
  readonly logger: Logger;
  readonly runtime: Runtime;
}

/**
 * Opens the runtime for a command (with the suppliers when it talks to them) and always closes it,
 * so every command shares one shutdown signal and one secret-redacting logger.
 */
export async function withRuntime(
  resolved: ResolvedConfig,
  flags: CommonFlags,
  options: {
    readonly withSuppliers: boolean;
    readonly withTargets?: boolean | undefined;
    /** `serve`: a read-only database, and none at all is no reason to stop serving the file. */
    readonly readOnlyState?: boolean | undefined;
    /** `serve`: writable when the database allows it (feed fetch log, heartbeat). */
    readonly writableIfPossible?: boolean | undefined;
    /** `sync`, `run`: check the feed and database folders are writable before any download. */
    readonly writesFeed?: boolean | undefined;
  },
  body: (context: CommandContext) => Promise<number>,
): Promise<number> {
  const signal = shutdownSignal();
  const secrets = Object.values(resolved.secrets)
    .filter((s): s is string => s !== undefined)
    .concat(Object.values(resolved.targetSecrets ?? {}));
  const logger = loggerFor(flags, secrets, resolved.config.schedule.timezone);
  const runtime = openRuntime(resolved, {
    ...(options.withSuppliers
      ? { withSuppliers: true, signal, onSupplierEvent: logAlStyleEvents(logger) }
      : {}),
    withTargets: options.withTargets,
    onKaspiEvent: logKaspiEvents(logger),
    onTargetEvent: logTargetEvents(logger),
    ...(options.readOnlyState === true ? { readOnlyState: true } : {}),
    ...(options.writableIfPossible === true ? { writableIfPossible: true } : {}),
  });
  if (runtime.stateError !== undefined) {
    logger.warn(
      { error: runtime.stateError.message },
      `serving the feed file without the database: ${runtime.stateError.message}`,
    );
  }
  try {
    if (options.writesFeed === true) {
      await assertWritableFolders(runtime, resolve(resolved.baseDir, resolved.config.state.path));
    }
    return await body({ signal, logger, runtime });
  } finally {
    runtime.close();
  }
}
