/** Query parameters and headers that carry secrets in the APIs we call. */
const SECRET_PARAMS = /([?&](?:access-token|token|password|api[_-]?key)=)[^&#\s"']*/gi;
const AUTH_HEADER =
  /((?:authorization|x-auth-token)["']?\s*[:=]\s*["']?)(?:basic |bearer )?[^\s"',}]+/gi;

/**
 * Removes secrets from a message or URL: every known secret value, plus token-like query
 * parameters and auth headers even when the value is not known (the Al-Style token travels in
 * the query string).
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text.replace(SECRET_PARAMS, '$1[REDACTED]').replace(AUTH_HEADER, '$1[REDACTED]');
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[REDACTED]');
  }
  return result;
}
