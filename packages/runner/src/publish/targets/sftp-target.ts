import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { CipherAlgorithm } from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import type { SftpTargetConfig } from './schema.js';
import type { FeedUpload, PublishTarget } from './target.js';

/** Options of `SftpTarget`: the validated config plus credentials from the environment. */
export interface SftpTargetOptions {
  readonly config: SftpTargetConfig;
  readonly password?: string | undefined;
  /** Contents of `privateKeyFile`. */
  readonly privateKey?: Buffer | undefined;
  readonly passphrase?: string | undefined;
}

const TEMP_SUFFIX = '.kaspi-connect.tmp';
// fastPut/fastGet keep this many requests in flight; one at a time (put/get) waits a round trip
// per 32 KiB packet, which made a 3 MB feed take tens of seconds on a busy machine.
const PARALLEL_REQUESTS = 32;
const CIPHERS: CipherAlgorithm[] = [
  'aes128-gcm@openssh.com',
  'aes256-gcm@openssh.com',
  'aes128-ctr',
  'aes256-ctr',
  'chacha20-poly1305@openssh.com',
];

/**
 * A folder on an SFTP server behind a web server (shared hosting, a small VPS), through
 * `ssh2-sftp-client` over the pure-JavaScript `ssh2`. The feed is uploaded under a temporary name
 * in the same folder, then renamed over the live file, so a reader never gets half a file. The
 * rename is the OpenSSH `posix-rename` extension (atomic replace) where the server has it;
 * otherwise a plain rename, and, on servers that refuse to rename over an existing file, the old
 * file is moved aside first (a reader may then get a 404 for that instant, never a torn file).
 */
export class SftpTarget implements PublishTarget {
  readonly kind = 'sftp';
  readonly name: string;
  readonly publicUrl: string;
  readonly #options: SftpTargetOptions;

  constructor(options: SftpTargetOptions) {
    this.#options = options;
    this.name = options.config.name;
    this.publicUrl = options.config.publicUrl;
  }

  async upload(feed: FeedUpload, signal: AbortSignal): Promise<void> {
    const { path } = this.#options.config;
    const dir = posix.dirname(path);
    const base = posix.basename(path);
    await this.#session(signal, async (client) => {
      if (dir !== '.' && (await client.exists(dir)) === false) await client.mkdir(dir, true);
      await removeStaleTemps(client, dir, base);
      const temp = posix.join(dir, `.${base}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
      try {
        await withLocalCopy(async (local) => {
          await writeFile(local, feed.bytes);
          await client.fastPut(local, temp, { concurrency: PARALLEL_REQUESTS });
        });
        await replace(client, temp, path);
      } catch (error) {
        await client.delete(temp, true).catch(() => {});
        throw error;
      }
    });
  }

  async readBack(signal: AbortSignal): Promise<Uint8Array | undefined> {
    const { path } = this.#options.config;
    return this.#session(signal, async (client) => {
      if ((await client.exists(path)) === false) return undefined;
      return withLocalCopy(async (local) => {
        await client.fastGet(path, local, { concurrency: PARALLEL_REQUESTS });
        const data = await readFile(local);
        return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      });
    });
  }

  /** One connection per call, closed afterwards and on abort or timeout. */
  async #session<T>(signal: AbortSignal, body: (client: SftpClient) => Promise<T>): Promise<T> {
    const { config, password, privateKey, passphrase } = this.#options;
    const client = new SftpClient(`kaspi-connect-${config.name}`);
    const stop = AbortSignal.any([signal, AbortSignal.timeout(config.timeoutMs)]);
    const onAbort = () => void client.end().catch(() => {});
    stop.addEventListener('abort', onAbort, { once: true });
    try {
      await client.connect({
        host: config.host,
        port: config.port,
        username: config.username,
        readyTimeout: config.timeoutMs,
        // AES-GCM first: Node's own crypto; ssh2's default ChaCha20 runs in JavaScript here
        // (its optional native addon is not built), several times slower for a large feed.
        algorithms: { cipher: CIPHERS },
        ...(password === undefined ? {} : { password }),
        ...(privateKey === undefined ? {} : { privateKey }),
        ...(passphrase === undefined ? {} : { passphrase }),
        ...(config.hostKeySha256 === undefined
          ? {}
          : {
              hostVerifier: (key: Buffer) =>
                fingerprint(key) === stripPadding(config.hostKeySha256 ?? ''),
            }),
      });
      const result = await body(client);
      if (stop.aborted) throw stop.reason;
      return result;
    } catch (error) {
      if (stop.aborted) throw new Error(`stopped: ${String(stop.reason)}`, { cause: error });
      throw error;
    } finally {
      stop.removeEventListener('abort', onAbort);
      await client.end().catch(() => {});
    }
  }
}

/** Moves `temp` over `path` as atomically as the server allows. */
async function replace(client: SftpClient, temp: string, path: string): Promise<void> {
  try {
    await client.posixRename(temp, path);
    return;
  } catch (error) {
    if (!/not support|unsupported/i.test(String(error))) throw error;
  }
  try {
    await client.rename(temp, path);
    return;
  } catch (error) {
    if ((await client.exists(path)) === false) throw error;
  }
  const aside = `${path}.${randomBytes(4).toString('hex')}.old`;
  await client.rename(path, aside);
  try {
    await client.rename(temp, path);
  } catch (error) {
    await client.rename(aside, path).catch(() => {});
    throw error;
  }
  await client.delete(aside, true).catch(() => {});
}

/** Temp files a dropped connection left behind (never the live file). */
async function removeStaleTemps(client: SftpClient, dir: string, base: string): Promise<void> {
  const entries = await client.list(dir).catch(() => []);
  for (const entry of entries) {
    if (entry.name.startsWith(`.${base}.`) && entry.name.endsWith(TEMP_SUFFIX)) {
      await client.delete(posix.join(dir, entry.name), true).catch(() => {});
    }
  }
}

/** OpenSSH's "SHA256:…" fingerprint of a host key, without the base64 padding. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${stripPadding(createHash('sha256').update(key).digest('base64'))}`;
}

function stripPadding(value: string): string {
  return value.replace(/=+$/, '');
}

/** A private local temp file for fastPut/fastGet (they work on paths), always removed. */
async function withLocalCopy<T>(body: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kaspi-connect-sftp-'));
  try {
    return await body(join(dir, 'feed.xml'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
