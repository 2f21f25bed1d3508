import { createHash } from 'node:crypto';

/** Where and how the simulator fetches the price list, like Kaspi's automatic loading. */
export interface PriceListSource {
  readonly url: string;
  /** Optional Basic-auth login of the automatic-loading form. */
  readonly username?: string;
  readonly password?: string;
}

/** Result of one fetch of the price-list URL. */
export type PriceListFetchResult =
  | {
      readonly kind: 'body';
      readonly body: string;
      readonly hash: string;
      readonly status: number;
      readonly etag: string | undefined;
      readonly lastModified: string | undefined;
    }
  | { readonly kind: 'not-modified'; readonly status: 304 }
  | { readonly kind: 'failed'; readonly status: number | undefined; readonly error: string };

/** Validators remembered from the last successful fetch. */
export interface ConditionalState {
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
}

/**
 * Fetches the price list. How Kaspi detects "changed" is unknown, so this sends conditional
 * headers when the server gave validators and the caller also compares a SHA-256 of the body.
 */
export async function fetchPriceList(
  source: PriceListSource,
  previous: ConditionalState | undefined,
  fetchImpl: typeof fetch,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<PriceListFetchResult> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const headers = new Headers({ 'User-Agent': 'kaspi-simulator-pricelist-loader' });
  if (source.username !== undefined || source.password !== undefined) {
    const basic = Buffer.from(`${source.username ?? ''}:${source.password ?? ''}`).toString(
      'base64',
    );
    headers.set('Authorization', `Basic ${basic}`);
  }
  if (previous?.etag) headers.set('If-None-Match', previous.etag);
  if (previous?.lastModified) headers.set('If-Modified-Since', previous.lastModified);
  let response: Response;
  let body: string;
  try {
    response = await fetchImpl(source.url, { headers, signal: combined });
    if (response.status === 304) return { kind: 'not-modified', status: 304 };
    if (response.status !== 200) {
      await response.body?.cancel();
      return { kind: 'failed', status: response.status, error: `HTTP ${response.status}` };
    }
    body = await response.text();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const message = timeout.aborted
      ? `no complete answer within ${timeoutMs} ms`
      : String((error as Error)?.message ?? error);
    return { kind: 'failed', status: undefined, error: message };
  }
  return {
    kind: 'body',
    body,
    hash: createHash('sha256').update(body).digest('hex'),
    status: 200,
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
  };
}
