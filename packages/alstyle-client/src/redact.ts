/** What replaces a secret in URLs, messages and bodies. */
export const REDACTED = '***';

const TOKEN_PARAM = /([?&]access-token=)[^&#\s"']*/gi;

/**
 * Removes the Al-Style token from any text: the `access-token` query parameter wherever it
 * appears, and the literal token value if it is known (it can be echoed in bodies or causes).
 */
export function redactSecrets(text: string, token?: string): string {
  let out = text.replace(TOKEN_PARAM, `$1${REDACTED}`);
  if (token !== undefined && token.length > 0) {
    out = out.split(token).join(REDACTED);
    const encoded = encodeURIComponent(token);
    if (encoded !== token) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

/** Redacts a value of unknown shape (a parsed body) by round-tripping it through JSON. */
export function redactValue(value: unknown, token?: string): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return redactSecrets(value, token);
  try {
    const json = JSON.stringify(value);
    if (json === undefined) return undefined;
    return JSON.parse(redactSecrets(json, token)) as unknown;
  } catch {
    return '[unserialisable]';
  }
}

/**
 * Copies an underlying error (e.g. undici's `fetch failed`) with secrets removed, so a thrown
 * object never carries the token in its cause chain.
 */
export function redactCause(cause: unknown, token?: string, depth = 0): Error | undefined {
  if (cause === undefined || cause === null) return undefined;
  if (!(cause instanceof Error)) return new Error(redactSecrets(String(cause), token));
  const copy = new Error(redactSecrets(cause.message, token));
  copy.name = cause.name;
  copy.stack = redactSecrets(cause.stack ?? '', token);
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  if (depth < 3 && cause.cause !== undefined) {
    const inner = redactCause(cause.cause, token, depth + 1);
    if (inner) Object.defineProperty(copy, 'cause', { value: inner, enumerable: false });
  }
  return copy;
}
