import type { FeedRequestEvent } from '../server/feed-server.js';
import type { ActivityStore, FeedFetchRecord } from '../state/activity-store.js';

/** How Kaspi's fetcher is told apart from other clients (`notify.kaspiFetcher`). */
export interface KaspiFetcherMatch {
  readonly userAgentContains?: string | undefined;
  readonly ipPrefixes?: readonly string[] | undefined;
}

/**
 * Records each successful fetch of the feed (200 or 304 on the feed path) with time, client
 * address and User-Agent. `trustProxy` takes the address from `X-Forwarded-For` (a TLS proxy in
 * front); otherwise the socket's. Failures to record are swallowed: the feed must be served.
 */
export function feedFetchRecorder(
  store: ActivityStore,
  options: { readonly feedPath: string; readonly trustProxy: boolean; readonly now?: () => Date },
): (event: FeedRequestEvent) => void {
  return (event) => {
    if (event.path !== options.feedPath || (event.status !== 200 && event.status !== 304)) return;
    const forwarded = options.trustProxy ? event.forwardedFor?.split(',')[0]?.trim() : undefined;
    try {
      store.recordFeedFetch({
        at: options.now?.() ?? new Date(),
        ip: forwarded || event.ip || 'unknown',
        userAgent: event.userAgent ?? '',
        status: event.status,
        bytes: event.bytes,
      });
    } catch {
      // A locked database must not fail the request that Kaspi is waiting for.
    }
  };
}

/** Whether a logged fetch matches Kaspi's fetcher; with no rule every fetch counts. */
export function isKaspiFetch(fetch: FeedFetchRecord, match: KaspiFetcherMatch): boolean {
  if (
    match.userAgentContains !== undefined &&
    !fetch.userAgent.toLowerCase().includes(match.userAgentContains.toLowerCase())
  )
    return false;
  if (match.ipPrefixes !== undefined && match.ipPrefixes.length > 0) {
    return match.ipPrefixes.some((prefix) => fetch.ip.startsWith(prefix));
  }
  return true;
}

/** The newest logged fetch that matches Kaspi's fetcher (looks at the last 500 fetches). */
export function lastKaspiFetch(
  store: ActivityStore,
  match: KaspiFetcherMatch,
): FeedFetchRecord | undefined {
  return store.recentFeedFetches(500).find((fetch) => isKaspiFetch(fetch, match));
}
