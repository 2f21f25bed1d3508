import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  FEED_SECRET_PLACEHOLDER,
  STARTER_CONFIG_TS,
  STARTER_ENV,
} from '../config/starter-config.js';

/** Options of `initProject`. */
export interface InitOptions {
  readonly cwd: string;
  /** Overwrite an existing config. */
  readonly force?: boolean | undefined;
}

/** Files `initProject` wrote or left alone. */
export interface InitResult {
  readonly written: string[];
  /** Files left alone because they exist (without `force`). */
  readonly kept: string[];
}

/** Writes a commented starter `kaspi-connect.config.ts` and a `.env` for the secrets. */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const written: string[] = [];
  const kept: string[] = [];
  const files: [string, string][] = [
    [resolve(options.cwd, 'kaspi-connect.config.ts'), withFeedSecret(STARTER_CONFIG_TS)],
    [resolve(options.cwd, '.env'), STARTER_ENV],
  ];
  for (const [path, content] of files) {
    // Never overwrite .env: it holds secrets.
    const overwrite = options.force === true && !path.endsWith('.env');
    if (existsSync(path) && !overwrite) {
      kept.push(path);
      continue;
    }
    await writeFile(path, content, { mode: path.endsWith('.env') ? 0o600 : 0o644 });
    written.push(path);
  }
  return { written, kept };
}

/**
 * Publish targets cannot ask for a password, so their URL carries 128 random bits (22 base64url
 * characters): nobody finds the feed without being given the link.
 */
function withFeedSecret(config: string): string {
  return config.split(FEED_SECRET_PLACEHOLDER).join(randomBytes(16).toString('base64url'));
}
