import type { ConfigIssue } from './config-error.js';
import type { KaspiConnectConfig } from './schema.js';

/**
 * Rules that span several keys, checked after the schema: each returns the issues found, so a
 * person sees every problem at once.
 */
export function crossCheckConfig(
  config: KaspiConnectConfig,
  feedPasswordFromEnv: boolean,
): ConfigIssue[] {
  return [...checkFeedAuth(config, feedPasswordFromEnv), ...checkWarehouses(config)];
}

/** A password without a user name would serve the feed with no auth at all: never allowed. */
function checkFeedAuth(config: KaspiConnectConfig, feedPasswordFromEnv: boolean): ConfigIssue[] {
  if (config.server.username !== undefined) return [];
  if (config.server.password !== undefined) {
    return [{ key: 'server.username', message: 'expected a user name when a password is set' }];
  }
  if (feedPasswordFromEnv) {
    return [
      {
        key: 'server.username',
        message:
          "FEED_PASSWORD is set but server.username is not, so the feed would be served without auth: add server: { username: 'kaspi' } to the config (and give Kaspi the same user name), or remove FEED_PASSWORD to serve openly on purpose",
      },
    ];
  }
  return [];
}

function checkWarehouses(config: KaspiConnectConfig): ConfigIssue[] {
  const { allocation, warehouses } = config.stock;
  if (allocation !== 'warehouses') return [];
  if (warehouses === undefined) {
    return [
      {
        key: 'stock.warehouses',
        message:
          'expected store ids mapped to supplier warehouse codes, such as { PP1: ["panfilov"] }, when stock.allocation is "warehouses"',
      },
    ];
  }
  const issues: ConfigIssue[] = [];
  const storeIds = new Set(config.shop.stores.map((store) => store.id));
  const owner = new Map<string, string>();
  for (const [storeId, codes] of Object.entries(warehouses)) {
    if (!storeIds.has(storeId)) {
      issues.push({
        key: `stock.warehouses.${storeId}`,
        message: `expected one of the store ids in shop.stores (${[...storeIds].join(', ')})`,
      });
    }
    for (const code of codes) {
      const first = owner.get(code);
      // One warehouse behind two points would publish its stock twice.
      if (first !== undefined) {
        issues.push({
          key: `stock.warehouses.${storeId}`,
          message: `warehouse "${code}" is already mapped to ${first}: each warehouse may feed one store only`,
        });
      } else {
        owner.set(code, storeId);
      }
    }
  }
  return issues;
}
