import * as v from 'valibot';

const SHOP_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Whether a connection URL carries a password (which belongs in the environment, not here). */
function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

/** The `state` section: SQLite by default, PostgreSQL when `url` is set. */
export const stateConfigSchema = v.optional(
  v.strictObject({
    path: v.optional(
      v.pipe(
        v.string('expected a path for the SQLite database (a string)'),
        v.trim(),
        v.nonEmpty('expected a path for the SQLite database'),
      ),
      './kaspi-connect.db',
    ),
    url: v.optional(
      v.pipe(
        v.string('expected a PostgreSQL URL such as "postgres://kaspi@db.internal:5432/kaspi"'),
        v.trim(),
        v.regex(
          /^postgres(ql)?:\/\/[^\s]+$/,
          'expected a PostgreSQL URL such as "postgres://kaspi@db.internal:5432/kaspi"',
        ),
        v.check(
          (url) => !hasPassword(url),
          'expected a URL without its password (set PGPASSWORD, or the whole URL in KASPI_CONNECT_DATABASE_URL)',
        ),
        v.description(
          'PostgreSQL instead of SQLite: `postgres://user@host:5432/database`, without the password (that comes from `PGPASSWORD`, or the whole URL from `KASPI_CONNECT_DATABASE_URL`, which wins over this key). See docs/postgres.md.',
        ),
      ),
    ),
    shop: v.optional(
      v.pipe(
        v.string('expected a shop id (a string)'),
        v.regex(SHOP_ID, 'expected a shop id of letters, digits, "-" and "_" (at most 64)'),
        v.description(
          'With PostgreSQL: whose state this is. Every row carries it, so shops sharing one database see nothing of each other.',
        ),
      ),
      'default',
    ),
  }),
  {},
);

/** The validated `state` section. */
export type StateConfig = v.InferOutput<typeof stateConfigSchema>;
