import type { Pool } from 'pg';
import { countShopFeeds, loadShopFeed, shopFeedVersion } from '../postgres/shop-feeds.js';
import type { BasicCredentials } from './basic-auth.js';
import type { FeedRoute, FeedSource, ServedFeed } from './served-feed.js';
import { servedFeed } from './served-feed.js';

/** One shop the database feed server answers for. */
export interface ServedShop {
  readonly id: string;
  /** The shop's own feed credentials; `undefined` serves it without auth. */
  readonly auth?: BasicCredentials | undefined;
}

/** The URL path of a shop's feed. */
export const shopFeedPath = (shop: string, fileName = 'kaspi.xml'): string =>
  `/${shop}/${fileName}`;

/**
 * Every shop's feed from the database at `/<shop>/kaspi.xml`, each with its own credentials.
 * Each request reads only the stored hash; the bytes are fetched (and gzipped) once per new feed.
 */
export function shopFeedSource(pool: Pool, shops: readonly ServedShop[]): FeedSource {
  const routes = new Map<string, FeedRoute>();
  for (const shop of shops) {
    let cache: ServedFeed | undefined;
    routes.set(shopFeedPath(shop.id), {
      auth: shop.auth,
      missing: `No feed published for shop "${shop.id}" yet: a worker stores it after the shop's first successful sync ("kaspi-connect worker")\n`,
      async load() {
        const version = await shopFeedVersion(pool, shop.id);
        if (version === undefined) return undefined;
        if (cache?.key === version.sha256) return cache;
        const stored = await loadShopFeed(pool, shop.id);
        if (stored === undefined) return undefined;
        cache = await servedFeed(stored.sha256, stored.body, stored.publishedAt, stored.etag);
        return cache;
      },
    });
  }
  const ids = shops.map((shop) => shop.id);
  return {
    route: (path) => routes.get(path),
    async health() {
      const withFeed = await countShopFeeds(pool, ids);
      return { ok: withFeed > 0, shops: ids.length, shopsWithFeed: withFeed };
    },
  };
}
