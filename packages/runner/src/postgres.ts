/**
 * `@kaspi-connect/runner/postgres`: the PostgreSQL `StateStore` for many shops and many
 * processes on one database. The `pg` driver is loaded only by the store's worker thread.
 */

export { PostgresActivityStore } from './state/postgres/activity-store.js';
export { PostgresStateStoreError } from './state/postgres/errors.js';
export {
  createPostgresStateStore,
  PostgresStateStore,
  type PostgresStateStoreOptions,
} from './state/postgres/store.js';
