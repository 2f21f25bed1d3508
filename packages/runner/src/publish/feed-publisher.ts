import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Options of `FeedPublisher`. */
export interface FeedPublisherOptions {
  /** Directory of the live feed; history goes to `<dir>/history`. */
  readonly dir: string;
  readonly fileName: string;
  /** How many published feeds to keep in history (0 = none). */
  readonly history: number;
  /** Test hook: runs after the temp file is complete and before it replaces the live feed. */
  readonly beforeRename?: ((tempPath: string) => void | Promise<void>) | undefined;
}

/** The file `FeedPublisher.publish` made live. */
export interface PublishedFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly historyPath?: string | undefined;
}

/** Feed bytes to publish: a string or (async) iterable of chunks. */
export type FeedContent =
  | string
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>;

const TEMP_SUFFIX = '.tmp';

/**
 * Publishes a feed atomically: the content goes to a temp file in the same directory, is flushed
 * to disk, then renamed over the live file. A reader (the feed server, Kaspi) sees either the old
 * feed or the new one, never a partial file; a crash before the rename leaves the old feed live.
 */
export class FeedPublisher {
  readonly #options: FeedPublisherOptions;

  constructor(options: FeedPublisherOptions) {
    this.#options = options;
  }

  /** Path of the live feed file. */
  get currentPath(): string {
    return join(this.#options.dir, this.#options.fileName);
  }

  get historyDir(): string {
    return join(this.#options.dir, 'history');
  }

  async publish(content: FeedContent, publishedAt: Date = new Date()): Promise<PublishedFile> {
    await mkdir(this.#options.dir, { recursive: true });
    await this.removeStaleTempFiles();
    const tempPath = join(
      this.#options.dir,
      `.${this.#options.fileName}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`,
    );
    const hash = createHash('sha256');
    let bytes = 0;
    let handle: FileHandle | undefined = await open(tempPath, 'wx');
    try {
      const chunks = typeof content === 'string' ? [content] : content;
      for await (const chunk of chunks) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        hash.update(buffer);
        bytes += buffer.byteLength;
        await handle.write(buffer);
      }
      await handle.sync();
      await handle.close();
      handle = undefined;
      await this.#options.beforeRename?.(tempPath);
      await rename(tempPath, this.currentPath);
    } catch (error) {
      await handle?.close().catch(() => {});
      await rm(tempPath, { force: true });
      throw error;
    }
    await syncDirectory(this.#options.dir);
    const sha256 = hash.digest('hex');
    const historyPath = await this.#keepHistory(publishedAt, sha256);
    return { path: this.currentPath, sha256, bytes, historyPath };
  }

  /**
   * Whether the live file on disk is the one last published (by its SHA-256, recorded at
   * publish): `missing` or `altered` means the next sync must write it again, even when no
   * offer changed, because the file, not the database, is what Kaspi reads.
   */
  async checkLive(expectedSha256: string): Promise<'ok' | 'missing' | 'altered'> {
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(this.currentPath)) hash.update(chunk as Buffer);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    }
    return hash.digest('hex') === expectedSha256 ? 'ok' : 'altered';
  }

  /** Deletes temp files a crashed publish left behind (never the live feed). */
  async removeStaleTempFiles(): Promise<string[]> {
    const prefix = `.${this.#options.fileName}.`;
    const names = await readdir(this.#options.dir).catch(() => [] as string[]);
    const stale = names.filter((name) => name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX));
    await Promise.all(stale.map((name) => rm(join(this.#options.dir, name), { force: true })));
    return stale;
  }

  /** History files, newest first. */
  async listHistory(): Promise<string[]> {
    const names = await readdir(this.historyDir).catch(() => [] as string[]);
    return names
      .filter((name) => name.endsWith('.xml'))
      .sort()
      .reverse()
      .map((name) => join(this.historyDir, name));
  }

  async #keepHistory(publishedAt: Date, sha256: string): Promise<string | undefined> {
    if (this.#options.history <= 0) return undefined;
    await mkdir(this.historyDir, { recursive: true });
    const stamp = publishedAt
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const historyPath = join(this.historyDir, `${stamp}-${sha256.slice(0, 12)}.xml`);
    // A hard link costs no copy: the live file is replaced by rename, so the inode stays intact.
    await link(this.currentPath, historyPath).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const all = await this.listHistory();
    await Promise.all(all.slice(this.#options.history).map((path) => rm(path, { force: true })));
    return historyPath;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; not supported on every platform, so best effort.
  const handle = await open(dir, 'r').catch(() => undefined);
  if (handle === undefined) return;
  await handle.sync().catch(() => {});
  await handle.close();
}

/** Size and modification time of the live feed, or `undefined` when none was published yet. */
export async function statFeed(path: string): Promise<{ bytes: number; mtime: Date } | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info === undefined ? undefined : { bytes: info.size, mtime: info.mtime };
}
