import type { KaspiConnectConfigInput } from './schema.js';

/** Identity function that gives `kaspi-connect.config.ts` full type checking and completion. */
export function defineConfig(config: KaspiConnectConfigInput): KaspiConnectConfigInput {
  return config;
}
