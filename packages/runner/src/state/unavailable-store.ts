import type { StateStore } from './state-store.js';

/**
 * A stand-in for a database that could not be opened: every call throws the open error, and
 * `close` does nothing. `serve` uses it to keep serving the feed file (which needs no database)
 * while saying why the run history is missing.
 */
export function unavailableStateStore(error: Error): StateStore {
  return new Proxy({} as StateStore, {
    get(_target, property) {
      if (property === 'close') return () => {};
      if (property === 'then') return undefined;
      return () => {
        throw error;
      };
    },
  });
}
