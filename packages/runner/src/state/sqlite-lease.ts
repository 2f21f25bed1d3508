import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  type Lease,
  type LeaseAcquisition,
  type LeaseInfo,
  type LeaseRenewal,
  type LeaseRequest,
  type LeaseRow,
  leaseIsStale,
  toLeaseInfo,
} from './lease.js';

const readRow = (db: Database.Database): LeaseRow | undefined =>
  db.prepare('SELECT * FROM lease WHERE id = 1').get() as LeaseRow | undefined;

/** The SQLite lease: read and replaced inside `BEGIN IMMEDIATE`, so two takers cannot both win. */
export function acquireSqliteLease(db: Database.Database, request: LeaseRequest): LeaseAcquisition {
  const now = request.now ?? new Date();
  return db
    .transaction((): LeaseAcquisition => {
      const row = readRow(db);
      const previous = row === undefined ? undefined : toLeaseInfo(row);
      if (previous !== undefined && !leaseIsStale(previous, request.host, now)) {
        return { ok: false, heldBy: previous };
      }
      const lease: Lease = {
        token: randomUUID(),
        holder: request.holder,
        pid: request.pid,
        host: request.host,
        acquiredAt: now,
        heartbeatAt: now,
        expiresAt: new Date(now.getTime() + request.ttlMs),
      };
      db.prepare(
        `INSERT INTO lease (id, token, holder, pid, host, acquired_at, heartbeat_at, expires_at)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET token = excluded.token, holder = excluded.holder,
           pid = excluded.pid, host = excluded.host, acquired_at = excluded.acquired_at,
           heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
      ).run(
        lease.token,
        lease.holder,
        lease.pid,
        lease.host,
        now.getTime(),
        now.getTime(),
        lease.expiresAt.getTime(),
      );
      return { ok: true, lease, tookOver: previous };
    })
    .immediate();
}

export function renewSqliteLease(
  db: Database.Database,
  lease: Lease,
  ttlMs: number,
  now: Date = new Date(),
): LeaseRenewal {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const changed = db
    .prepare('UPDATE lease SET heartbeat_at = ?, expires_at = ? WHERE id = 1 AND token = ?')
    .run(now.getTime(), expiresAt.getTime(), lease.token).changes;
  if (changed === 1) return { ok: true, lease: { ...lease, heartbeatAt: now, expiresAt } };
  const row = readRow(db);
  return { ok: false, heldBy: row === undefined ? undefined : toLeaseInfo(row) };
}

export function releaseSqliteLease(db: Database.Database, lease: Lease): void {
  db.prepare('DELETE FROM lease WHERE id = 1 AND token = ?').run(lease.token);
}

/** Ours until another writer replaced the token (an expired lease nobody took is still ours). */
export function holdsSqliteLease(db: Database.Database, lease: Lease): boolean {
  return readRow(db)?.token === lease.token;
}

export function currentSqliteLease(db: Database.Database): LeaseInfo | undefined {
  const row = readRow(db);
  return row === undefined ? undefined : toLeaseInfo(row);
}
