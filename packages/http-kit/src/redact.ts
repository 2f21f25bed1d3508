/** What replaces a secret in URLs, messages, bodies and causes, in every kaspi-connect client. */
export const REDACTED = '***';

/** A request as it may appear in errors and logs: secrets removed. */
export interface RedactedRequest {
  readonly method: string;
  /** Full URL with secrets replaced by {@link REDACTED}. */
  readonly url: string;
  /** The documented endpoint path, e.g. `/api/elements-pagination` or `/v2/orders/:id`. */
  readonly endpoint: string;
  /** Request headers with secret ones blanked, when the client records them. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** What a {@link Redactor} removes. */
export interface RedactorOptions {
  /** Literal secret values (tokens, codes); shorter than 4 characters are ignored. */
  readonly secrets?: readonly string[] | undefined;
  /** Query parameters whose values are secret wherever they appear, e.g. `access-token`. */
  readonly queryParams?: readonly string[] | undefined;
  /** Headers whose values are secret (case-insensitive), e.g. `x-auth-token`. */
  readonly headers?: readonly string[] | undefined;
}

/** Removes one client's secrets from anything it may show. */
export interface Redactor {
  /** Redacts text: secret query parameters and literal secrets (also URL-encoded). */
  text(text: string): string;
  /** Redacts a value of unknown shape (a parsed body) by walking it. */
  value(value: unknown): unknown;
  /** A redacted copy of an error and its causes, so nothing thrown carries a secret. */
  cause(cause: unknown): Error | undefined;
  /** Redacts headers: secret ones blanked, the rest scrubbed of secrets. */
  headers(headers: Headers): Record<string, string>;
}

/** Builds the one redactor a client uses for URLs, messages, bodies, headers and causes. */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 4);
  const params = (options.queryParams ?? []).map((name) =>
    name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  const paramPattern =
    params.length === 0 ? undefined : new RegExp(`([?&](?:${params.join('|')})=)[^&#\\s"']*`, 'gi');
  const secretHeaders = new Set((options.headers ?? []).map((name) => name.toLowerCase()));

  const needles = [...new Set(secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]))];
  const text = (input: string): string => {
    let out = paramPattern === undefined ? input : input.replace(paramPattern, `$1${REDACTED}`);
    for (const needle of needles) out = out.replaceAll(needle, REDACTED);
    return out;
  };

  // A secret JSON would escape cannot be found in serialised text: walk the value instead.
  const jsonSafe = secrets.every((secret) => JSON.stringify(secret) === `"${secret}"`);
  // One pass over the serialised value instead of one per string: bodies can be megabytes.
  const value = (input: unknown): unknown => {
    if (typeof input === 'string') return text(input);
    if (!jsonSafe) return walk(input);
    try {
      const json = JSON.stringify(input);
      if (json === undefined) return input;
      return JSON.parse(text(json)) as unknown;
    } catch {
      return walk(input);
    }
  };

  // For what JSON cannot carry (cycles, BigInt).
  const walk = (input: unknown, depth = 0): unknown => {
    if (typeof input === 'string') return text(input);
    if (depth > 64) return '[too deep]';
    if (Array.isArray(input)) return input.map((item) => walk(item, depth + 1));
    if (input !== null && typeof input === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(input)) out[text(key)] = walk(item, depth + 1);
      return out;
    }
    return input;
  };

  const cause = (input: unknown, depth = 0): Error | undefined => {
    if (input === undefined || input === null) return undefined;
    if (!(input instanceof Error)) return new Error(text(String(input)));
    const inner = depth < 3 ? cause(input.cause, depth + 1) : undefined;
    const copy = new Error(text(input.message), inner === undefined ? undefined : { cause: inner });
    copy.name = input.name;
    copy.stack = text(input.stack ?? '');
    const code = (input as { code?: unknown }).code;
    if (typeof code === 'string') Object.assign(copy, { code });
    return copy;
  };

  // Headers hands out lower-case names.
  const headers = (input: Headers): Record<string, string> =>
    Object.fromEntries(
      [...input].map(([name, item]) => [name, secretHeaders.has(name) ? REDACTED : text(item)]),
    );

  return { text, value, cause: (input) => cause(input), headers };
}
