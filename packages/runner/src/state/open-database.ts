import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Options of `SqliteStateStore`. */
export interface SqliteStateStoreOptions {
  /**
   * Open for reading only, without migrating or creating the file (`serve`, `status`): a
   * read-only or half-broken database must not stop the feed from being served.
   */
  readonly readonly?: boolean | undefined;
}

/** The state database could not be opened or used; the message names the file and a fix. */
export class StateStoreError extends Error {
  override readonly name = 'StateStoreError';
  /** The database file. */
  readonly path: string;

  constructor(path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`state database ${path}: ${reason}; ${fixFor(cause)}`, { cause });
    this.path = path;
  }
}

function fixFor(cause: unknown): string {
  const code = (cause as { code?: unknown }).code;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return 'the file is damaged: restore it from a backup or move it away (a new one starts empty: run "kaspi-connect sync --full")';
  }
  if (code === 'SQLITE_BUSY') return 'another process holds it: stop the other kaspi-connect';
  return 'check that its folder exists and that the user running kaspi-connect may write both (state.path)';
}

/** Opens (and for writing, creates) the SQLite file with the runner's pragmas. */
export function openDatabase(path: string, options: SqliteStateStoreOptions): Database.Database {
  try {
    if (options.readonly === true) {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 5000');
      try {
        // SQLite reads lazily: touch the schema now so a damaged file fails here, named.
        db.prepare('SELECT count(*) FROM sqlite_master').get();
      } catch (error) {
        db.close();
        throw error;
      }
      return db;
    }
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    throw new StateStoreError(path, error);
  }
}
