import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Runtime } from './runtime.js';

/** A folder the command must write is not writable; the message names it and the key. */
export class NotWritableError extends Error {
  override readonly name = 'NotWritableError';
}

/**
 * Checks, before any download, that the feed folder and the database folder can be written:
 * finding out after a 5-minute catalogue read wastes the read and the supplier's rate limit.
 * A probe file is written and removed, which also catches read-only mounts.
 */
export async function assertWritableFolders(runtime: Runtime, statePath: string): Promise<void> {
  const folders: [string, string][] = [
    [dirname(runtime.publisher.currentPath), 'feed.dir'],
    [dirname(statePath), 'state.path'],
  ];
  for (const [folder, key] of folders) {
    const probe = join(folder, `.kaspi-connect-write-test-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(folder, { recursive: true });
      await writeFile(probe, '');
      await rm(probe, { force: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new NotWritableError(
        `cannot write to ${folder} (${key}; ${code}): give the user running kaspi-connect write access to it, or point ${key} elsewhere. Nothing was downloaded.`,
        { cause: error },
      );
    }
  }
}
