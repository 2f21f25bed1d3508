/** Removes passwords from connection URLs (and a known password anywhere) in a message. */
export function redactDatabaseSecrets(text: string, password?: string | undefined): string {
  let out = text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
  if (password !== undefined && password.length > 0) out = out.split(password).join('***');
  return out;
}

/**
 * The PostgreSQL state could not be opened or used. The message names the database (without
 * its password), what failed and what to do.
 */
export class PostgresStateStoreError extends Error {
  override readonly name = 'PostgresStateStoreError';
  /** The connection URL with its password replaced by `***`. */
  readonly database: string;
  /** PostgreSQL's SQLSTATE or Node's error code, when there is one. */
  readonly code: string | undefined;

  constructor(database: string, reason: string, code?: string | undefined) {
    super(`state database ${database}: ${reason}; ${fixFor(code)}`);
    this.database = database;
    this.code = code;
  }
}

function fixFor(code: string | undefined): string {
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    return 'check that PostgreSQL runs and that state.url names its host and port';
  }
  if (code === '28P01' || code === '28000') {
    return 'check the user and the password (PGPASSWORD or KASPI_CONNECT_DATABASE_URL)';
  }
  if (code === '3D000') return 'create the database first (createdb), or fix its name in state.url';
  if (code === 'TIMEOUT') return 'PostgreSQL did not answer in time: check the server and network';
  return 'check state.url and that PostgreSQL accepts this user';
}
