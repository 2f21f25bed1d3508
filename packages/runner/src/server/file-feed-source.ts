import { readFile, stat } from 'node:fs/promises';
import type { BasicCredentials } from './basic-auth.js';
import { type FeedSource, type ServedFeed, servedFeed } from './served-feed.js';

/**
 * The publisher's live file at one URL path. The file is re-read only when its inode, size or
 * mtime change (the publisher renames a new file into place).
 */
export function fileFeedSource(
  feedFile: string,
  urlPath: string,
  auth: BasicCredentials | undefined,
): FeedSource {
  let cache: ServedFeed | undefined;
  async function load(): Promise<ServedFeed | undefined> {
    const info = await stat(feedFile).catch(() => undefined);
    if (info === undefined) return undefined;
    const key = `${info.ino}:${info.size}:${info.mtimeMs}`;
    if (cache?.key === key) return cache;
    cache = await servedFeed(key, await readFile(feedFile), info.mtime);
    return cache;
  }
  const route = { auth, load };
  return {
    route: (path) => (path === urlPath ? route : undefined),
    async health() {
      const feed = await load();
      return { ok: feed !== undefined, lastModified: feed?.lastModified };
    },
  };
}
