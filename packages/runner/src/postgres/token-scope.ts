import { createHash } from 'node:crypto';

/** Advisory-lock namespaces (the first key of `pg_advisory_lock(int, int)`), so locks never collide. */
export const LOCK_SPACE = {
  requestGate: 0x6b63_0001,
  cartLock: 0x6b63_0002,
  schema: 0x6b63_0003,
} as const;

/**
 * Identifies one supplier account without storing it: a SHA-256 of the token and the API host,
 * as the in-process throttle keys it. The token itself never reaches the database.
 */
export function tokenScope(token: string, baseUrl: string): string {
  const host = new URL(baseUrl).host;
  return createHash('sha256').update(`kaspi-connect\n${host}\n${token}`).digest('hex');
}

/** The second advisory-lock key of a scope: its first 32 bits, as a signed integer. */
export function scopeLockKey(scope: string): number {
  return Buffer.from(scope.slice(0, 8), 'hex').readInt32BE(0);
}
