import { createRedactor, REDACTED, type Redactor } from '@kaspi-connect/http-kit';

export { REDACTED };

/** The redactor of one Al-Style token: the `access-token` parameter anywhere, and the token itself. */
export function tokenRedactor(token?: string): Redactor {
  return createRedactor({
    secrets: token === undefined || token === '' ? [] : [token],
    queryParams: ['access-token'],
  });
}

/**
 * Removes the Al-Style token from any text: the `access-token` query parameter wherever it
 * appears, and the literal token value if it is known (it can be echoed in bodies or causes).
 */
export function redactSecrets(text: string, token?: string): string {
  return tokenRedactor(token).text(text);
}
