import type { StateConfig } from '../config/state-schema.js';
import { createPostgresStateStore } from './postgres/store.js';
import type { StateStore } from './state-store.js';
import { unavailableStateStore } from './unavailable-store.js';

/**
 * The PostgreSQL URL the state lives at, if any: `KASPI_CONNECT_DATABASE_URL` (which may hold
 * the password) wins over `state.url` (which may not). The password may also come from
 * `PGPASSWORD`, which the driver reads itself.
 */
export function postgresStateUrl(
  state: StateConfig,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const fromEnv = env.KASPI_CONNECT_DATABASE_URL?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return state.url;
}

/**
 * Opens the PostgreSQL state when one is configured (`undefined` means SQLite). With `readOnly`
 * (`serve`, `status`) a failure is returned as `error` with a stand-in store, as for SQLite.
 */
export function openConfiguredPostgres(
  state: StateConfig,
  readOnly: boolean,
  env: NodeJS.ProcessEnv = process.env,
): { store: StateStore; error?: Error | undefined } | undefined {
  const url = postgresStateUrl(state, env);
  if (url === undefined) return undefined;
  try {
    return { store: createPostgresStateStore({ url, shop: state.shop }) };
  } catch (error) {
    if (!readOnly) throw error;
    const failure = error instanceof Error ? error : new Error(String(error));
    return { store: unavailableStateStore(failure), error: failure };
  }
}
