import { AlStyleError } from '@kaspi-connect/alstyle-client';
import { KaspiError } from '@kaspi-connect/kaspi-client';
import { redactSecrets } from './redact.js';

/** The request behind a client error, already redacted by the client. */
interface RequestView {
  readonly method: string;
  readonly url: string;
}

const MAX_URL = 160;

/**
 * One line that says what failed, where, and what to do: the clients' typed errors name only
 * the endpoint, so the runner adds the host and the redacted URL, and a hint for the known
 * mistakes (a base URL ending in `/api`, a refused token and its env key, a refused
 * connection). Secrets are scrubbed from the result.
 */
export function explainError(error: unknown, secrets: readonly string[] = []): string {
  const message = error instanceof Error ? error.message : String(error);
  const client = clientErrorOf(error);
  if (client === undefined) return redactSecrets(message, secrets);
  const request = client.request;
  const where = request === undefined ? '' : ` (${request.method} ${shortUrl(request.url)})`;
  const hint = hintFor(client, request);
  return redactSecrets(`${message}${where}${hint === undefined ? '' : `. ${hint}`}`, secrets);
}

function hintFor(
  error: AlStyleError | KaspiError,
  request: RequestView | undefined,
): string | undefined {
  const supplier = AlStyleError.isInstance(error);
  const host = hostOf(request?.url);
  if (error.name.endsWith('AuthError')) {
    return supplier
      ? 'The supplier refused ALSTYLE_TOKEN: check the token in .env or the environment (suppliers.alstyle.token in the config wins over it)'
      : 'Kaspi refused KASPI_TOKEN: copy the token again from the Kaspi cabinet (Settings → API token) into .env or the environment';
  }
  if (request !== undefined && /\/api\/api\//.test(request.url)) {
    return 'The base URL ends in "/api" and the client adds it again: remove the "/api" suffix from suppliers.alstyle.baseUrl';
  }
  if (error.name.endsWith('NetworkError') || error.name.endsWith('TimeoutError')) {
    const key = supplier ? 'suppliers.alstyle.baseUrl' : 'orders.kaspiBaseUrl';
    return `Could not reach ${host ?? 'the server'}: check ${key}, DNS and the network (a proxy or firewall)`;
  }
  if (error.status === 404 && supplier) {
    return `${host ?? 'The server'} has no such endpoint: check suppliers.alstyle.baseUrl (the API root, without "/api")`;
  }
  return undefined;
}

function clientErrorOf(error: unknown): AlStyleError | KaspiError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (AlStyleError.isInstance(current) || KaspiError.isInstance(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/**
 * The URL without its query: the host and path say where it went, while the query holds the
 * token (already masked) and, for Kaspi, 300 characters of filters nobody needs to read.
 */
function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search === '' ? '' : '?…'}`;
  } catch {
    return url.length <= MAX_URL ? url : `${url.slice(0, MAX_URL)}…`;
  }
}
