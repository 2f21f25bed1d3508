import { createHash, timingSafeEqual } from 'node:crypto';

/** HTTP Basic credentials of the feed server. */
export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Checks an `Authorization: Basic …` header in constant time: both sides are hashed first, so
 * neither the length nor the first differing byte of the secret leaks through timing.
 */
export function checkBasicAuth(header: string | undefined, expected: BasicCredentials): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const given = match?.[1] === undefined ? '' : Buffer.from(match[1], 'base64').toString('utf8');
  const wanted = `${expected.username}:${expected.password}`;
  const equal = timingSafeEqual(digest(given), digest(wanted));
  return equal && match !== null;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
