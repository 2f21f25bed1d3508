import { createHash } from 'node:crypto';

/**
 * Process-wide key for "this token at this host". Hashed so the token itself is never kept as a
 * map key that could show up in a heap snapshot or a debugger listing.
 */
export function tokenScopeKey(token: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  return createHash('sha256').update(`${origin}\u0000${token}`).digest('hex');
}
