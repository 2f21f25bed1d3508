import { inspect } from 'node:util';

/** Placeholder written wherever a secret was removed. */
export const REDACTED = '[REDACTED]';

/** Headers whose values are secrets: the API token and the buyer's completion code. */
const SECRET_HEADERS = new Set(['x-auth-token', 'x-security-code', 'authorization']);

/** Replaces every occurrence of each secret in `text`. Secrets shorter than 4 chars are ignored. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** A request as it may appear in errors and logs: secrets removed. */
export interface RedactedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Builds the loggable view of a request, blanking secret headers and secrets in the URL. */
export function redactRequest(
  method: string,
  url: string,
  headers: Headers,
  secrets: readonly string[],
): RedactedRequest {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactText(value, secrets);
  });
  return { method, url: redactText(url, secrets), headers: out };
}

/** Recursively redacts secrets in a parsed JSON body so error bodies can be logged. */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, secrets);
    return out;
  }
  return value;
}

/** Keeps the original cause unless it mentions a secret; then a redacted copy replaces it. */
export function redactCause(cause: unknown, secrets: readonly string[]): unknown {
  const text = inspect(cause, { depth: 5 });
  if (!secrets.some((s) => s.length >= 4 && text.includes(s))) return cause;
  const copy = new Error(redactText(String((cause as Error)?.message ?? cause), secrets));
  copy.name = (cause as Error)?.name ?? 'Error';
  return copy;
}
