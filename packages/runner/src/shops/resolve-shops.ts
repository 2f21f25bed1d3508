import { basename, dirname, extname, join } from 'node:path';
import { ConfigError, type ConfigIssue } from '../config/config-error.js';
import { parseConfig, type ResolvedConfig, SECRET_ENV } from '../config/load-config.js';
import type { KaspiConnectConfig } from '../config/schema.js';
import type { ShopEntry } from './shops-schema.js';

/** One shop of a deployment, with its own validated config and secrets. */
export interface ShopDeployment {
  /** The shop id (`shops[].id`), or `default` for a single-shop config. */
  readonly id: string;
  readonly resolved: ResolvedConfig;
}

/** The id a single-shop config runs under in worker mode. */
export const DEFAULT_SHOP_ID = 'default';

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Objects merge key by key, anything else (lists included) is replaced. */
function mergeOver(base: unknown, over: unknown): unknown {
  if (!isPlain(base) || !isPlain(over)) return over === undefined ? base : over;
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeOver(base[key], value);
  return out;
}

const envSuffix = (id: string) => id.toUpperCase().replaceAll('-', '_');

/** Per-shop secrets: `<VAR>_<ID>` (or the names in `env`); only the Al-Style token is shared. */
function shopEnv(entry: ShopEntry, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const suffix = envSuffix(entry.id);
  const pick = (name: string | undefined, base: string) => env[name ?? `${base}_${suffix}`];
  return {
    ...env,
    [SECRET_ENV.alstyleToken]:
      pick(entry.env?.alstyleToken, SECRET_ENV.alstyleToken) ?? env[SECRET_ENV.alstyleToken],
    // Never another shop's: a shared Kaspi token or feed password would mix up two shops.
    [SECRET_ENV.kaspiToken]: pick(entry.env?.kaspiToken, SECRET_ENV.kaspiToken),
    [SECRET_ENV.feedPassword]: pick(entry.env?.feedPassword, SECRET_ENV.feedPassword),
  };
}

/** The shop's file paths default to their own place, so two shops never share a feed or database. */
function ownPaths(config: KaspiConnectConfig, entry: ShopEntry): Plain {
  const statePath = config.state.path;
  const ext = extname(statePath);
  return {
    feed: { dir: join(config.feed.dir, entry.id) },
    state: {
      path: join(dirname(statePath), `${basename(statePath, ext)}.${entry.id}${ext}`),
      shop: entry.id,
    },
  };
}

/**
 * The shops of a config: each `shops[]` entry merged over the top-level sections and checked like
 * a single-shop config, so every key keeps its meaning and its error messages. A config without
 * `shops` is one shop, `default`, exactly as the other commands run it.
 */
export function resolveShops(
  resolved: ResolvedConfig,
  env: NodeJS.ProcessEnv = process.env,
): ShopDeployment[] {
  const { shops, ...shared } = resolved.config;
  if (shops === undefined) return [{ id: DEFAULT_SHOP_ID, resolved }];
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  const deployments: ShopDeployment[] = [];
  shops.forEach((entry, index) => {
    const where = `shops.${index}`;
    if (seen.has(entry.id)) {
      issues.push({
        key: `${where}.id`,
        message: `"${entry.id}" is also shops.${seen.get(entry.id)}.id: every shop needs its own id`,
      });
      return;
    }
    seen.set(entry.id, index);
    const { id: _id, env: _env, ...sections } = entry;
    const merged = mergeOver(mergeOver(shared, ownPaths(resolved.config, entry)), sections);
    try {
      const parsed = parseConfig(merged, shopEnv(entry, env), resolved.file);
      deployments.push({ id: entry.id, resolved: { ...parsed, baseDir: resolved.baseDir } });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const issue of error.issues)
        issues.push({ key: `${where} (${entry.id}).${issue.key}`, message: issue.message });
    }
  });
  const merchants = new Map<string, string>();
  for (const shop of deployments) {
    const other = merchants.get(shop.resolved.config.shop.merchantId);
    if (other !== undefined) {
      issues.push({
        key: `shops (${shop.id}).shop.merchantId`,
        message: `the same Kaspi shop id as "${other}": give each shop its own shop.merchantId`,
      });
    }
    merchants.set(shop.resolved.config.shop.merchantId, shop.id);
  }
  if (issues.length > 0) throw new ConfigError(resolved.file, issues);
  return deployments;
}
