/**
 * One writer per state: every command that writes state holds the store's lease. The types are
 * store-agnostic so that another store (PostgreSQL: an advisory lock) implements the same calls.
 */

/** Who asks for the lease. */
export interface LeaseRequest {
  /** What holds it, for people: e.g. `"orders --once"` or `"run"`. */
  readonly holder: string;
  readonly pid: number;
  readonly host: string;
  /** The lease expires unless renewed within this many ms. */
  readonly ttlMs: number;
  /** Time of the request (tests); default now. */
  readonly now?: Date | undefined;
}

/** The lease as stored: who holds it and until when. */
export interface LeaseInfo {
  readonly holder: string;
  readonly pid: number;
  readonly host: string;
  readonly acquiredAt: Date;
  readonly heartbeatAt: Date;
  readonly expiresAt: Date;
}

/** A lease this process holds; `token` proves it on renew and release. */
export interface Lease extends LeaseInfo {
  readonly token: string;
}

/** Result of `acquireLease`: the lease, or who holds it now. */
export type LeaseAcquisition =
  | { readonly ok: true; readonly lease: Lease; readonly tookOver?: LeaseInfo | undefined }
  | { readonly ok: false; readonly heldBy: LeaseInfo };

/** Result of `renewLease`: `ok: false` means another writer has taken the lease over. */
export type LeaseRenewal =
  | { readonly ok: true; readonly lease: Lease }
  | { readonly ok: false; readonly heldBy: LeaseInfo | undefined };

/** The store calls of the lease (part of `StateStore`). */
export interface LeaseStore {
  /** Takes the lease when it is free, expired, or held by a dead process on this host. */
  acquireLease(request: LeaseRequest): LeaseAcquisition;
  /** Extends our lease by `ttlMs`; fails when it is no longer ours. */
  renewLease(lease: Lease, ttlMs: number, now?: Date): LeaseRenewal;
  /** Gives the lease up (a no-op when it is no longer ours). */
  releaseLease(lease: Lease): void;
  /** Whether `lease` is still ours: no other writer has taken it over. */
  holdsLease(lease: Lease): boolean;
  /** The current holder, if any (expired ones included). */
  currentLease(): LeaseInfo | undefined;
}

/** Another process writes this state: its holder, pid, host and heartbeat. */
export class LeaseBusyError extends Error {
  override readonly name = 'LeaseBusyError';
  constructor(readonly heldBy: LeaseInfo) {
    super(
      `the state is in use by "${heldBy.holder}" (pid ${heldBy.pid} on ${heldBy.host}, last heartbeat ${heldBy.heartbeatAt.toISOString()}, expires ${heldBy.expiresAt.toISOString()}): stop that process, or pass --wait to wait for it`,
    );
  }
}

/** Our lease was taken over (we stalled past its expiry): stop writing at once. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(readonly heldBy: LeaseInfo | undefined) {
    super(
      heldBy === undefined
        ? 'the state lease was lost: stopping before any further side effect'
        : `the state lease was taken over by "${heldBy.holder}" (pid ${heldBy.pid} on ${heldBy.host}): stopping before any further side effect`,
    );
  }
}

/** Whether a process of this host is alive (`kill(pid, 0)`: EPERM still means it exists). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A stored lease another writer may take over: expired, or its process on this host is gone. */
export function leaseIsStale(lease: LeaseInfo, host: string, now: Date): boolean {
  if (lease.expiresAt.getTime() <= now.getTime()) return true;
  return lease.host === host && lease.pid !== process.pid && !processAlive(lease.pid);
}

/** The lease row as both stores keep it (times as epoch milliseconds). */
export interface LeaseRow {
  token: string;
  holder: string;
  pid: number;
  host: string;
  acquired_at: number;
  heartbeat_at: number;
  expires_at: number;
}

/** What a lease row says about its holder. */
export function toLeaseInfo(row: LeaseRow): LeaseInfo {
  return {
    holder: row.holder,
    pid: row.pid,
    host: row.host,
    acquiredAt: new Date(row.acquired_at),
    heartbeatAt: new Date(row.heartbeat_at),
    expiresAt: new Date(row.expires_at),
  };
}
