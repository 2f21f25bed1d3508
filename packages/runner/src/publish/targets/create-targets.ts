import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '../../config/config-error.js';
import type { ResolvedConfig } from '../../config/load-config.js';
import { GitTarget } from './git-target.js';
import { S3Target, s3ObjectUrl } from './s3-target.js';
import type { TargetConfig } from './schema.js';
import { SftpTarget } from './sftp-target.js';
import type { PublishTarget } from './target.js';

/** Target secrets read from the environment, keyed `<target>.<field>`; never logged. */
export type TargetSecrets = Readonly<Record<string, string>>;

/** Reads every secret `feed.targets` names from the environment (missing ones are left out). */
export function resolveTargetSecrets(
  targets: readonly TargetConfig[],
  env: NodeJS.ProcessEnv,
): TargetSecrets {
  const secrets: Record<string, string> = {};
  const take = (target: string, field: string, name: string | undefined) => {
    const value = name === undefined ? undefined : env[name]?.trim();
    if (value !== undefined && value !== '') secrets[`${target}.${field}`] = value;
  };
  for (const target of targets) {
    if (target.kind === 's3') {
      take(target.name, 'accessKeyId', target.accessKeyIdEnv);
      take(target.name, 'secretAccessKey', target.secretAccessKeyEnv);
    } else if (target.kind === 'git') {
      take(target.name, 'token', target.tokenEnv);
    } else {
      take(target.name, 'password', target.passwordEnv);
      take(target.name, 'passphrase', target.passphraseEnv);
    }
  }
  return secrets;
}

/** The URL Kaspi should load for a target, without building it (no secrets needed). */
export function publicUrlOf(target: TargetConfig): string {
  if (target.kind === 's3') return target.publicUrl ?? s3ObjectUrl(target);
  return target.publicUrl;
}

/** Options of `createTargets`. */
export interface CreateTargetsOptions {
  /** Injected fetch for S3 (tests). */
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/**
 * Builds the publish targets of `feed.targets`, or a `ConfigError` listing every secret that is
 * missing (each named by its environment variable).
 */
export function createTargets(
  resolved: ResolvedConfig,
  options: CreateTargetsOptions = {},
): PublishTarget[] {
  const { config, baseDir } = resolved;
  const secrets = resolved.targetSecrets ?? {};
  const issues: ConfigIssue[] = [];
  const targets: PublishTarget[] = [];
  const need = (index: number, key: string, value: string | undefined, env: string) => {
    if (value === undefined) {
      issues.push({
        key: `feed.targets.${index}.${key}`,
        message: `expected a secret: set ${env} in the environment or in .env`,
      });
    }
    return value ?? '';
  };
  config.feed.targets.forEach((target, index) => {
    const secret = (field: string) => secrets[`${target.name}.${field}`];
    if (target.kind === 's3') {
      targets.push(
        new S3Target({
          config: target,
          accessKeyId: need(index, 'accessKeyIdEnv', secret('accessKeyId'), target.accessKeyIdEnv),
          secretAccessKey: need(
            index,
            'secretAccessKeyEnv',
            secret('secretAccessKey'),
            target.secretAccessKeyEnv,
          ),
          fetch: options.fetch,
        }),
      );
    } else if (target.kind === 'git') {
      const token =
        target.tokenEnv === undefined
          ? undefined
          : need(index, 'tokenEnv', secret('token'), target.tokenEnv);
      targets.push(
        new GitTarget({
          config: target,
          workDir: resolve(
            baseDir,
            target.workDir ?? join(config.feed.dir, '.targets', target.name),
          ),
          token,
        }),
      );
    } else {
      const privateKey = readKey(target.privateKeyFile, baseDir, index, issues);
      const password = secret('password');
      if (password === undefined && target.privateKeyFile === undefined) {
        need(index, 'passwordEnv', undefined, `${target.passwordEnv} (or set privateKeyFile)`);
      }
      targets.push(
        new SftpTarget({ config: target, password, privateKey, passphrase: secret('passphrase') }),
      );
    }
  });
  if (issues.length > 0) throw new ConfigError(resolved.file, issues);
  return targets;
}

function readKey(
  file: string | undefined,
  baseDir: string,
  index: number,
  issues: ConfigIssue[],
): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(resolve(baseDir, file));
  } catch (error) {
    issues.push({
      key: `feed.targets.${index}.privateKeyFile`,
      message: `could not read the key file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    });
    return undefined;
  }
}
