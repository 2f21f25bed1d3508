import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

const skip = postgresSkipReason();
if (skip !== undefined) console.warn(`skipping PostgreSQL tests: ${skip}`);

describe.skipIf(skip !== undefined)('throwaway PostgreSQL', () => {
  const postgres = usePostgres();

  it('gives each call its own database on 127.0.0.1', async () => {
    const first = await postgres.database();
    const second = await postgres.database();
    expect(first).not.toBe(second);
    expect(new URL(first).hostname).toBe('127.0.0.1');
    const client = new pg.Client({ connectionString: first });
    await client.connect();
    try {
      await client.query('CREATE TABLE t (x int)');
      await client.query('INSERT INTO t VALUES (1)');
      const { rows } = await client.query<{ n: string; v: string }>(
        "SELECT count(*) AS n, current_setting('server_version_num') AS v FROM t",
      );
      expect(rows[0]?.n).toBe('1');
      expect(Number(rows[0]?.v)).toBeGreaterThanOrEqual(150000);
    } finally {
      await client.end();
    }
    const other = new pg.Client({ connectionString: second });
    await other.connect();
    try {
      const { rows } = await other.query("SELECT to_regclass('public.t') AS t");
      expect(rows[0]?.t).toBeNull();
    } finally {
      await other.end();
    }
  });
});
