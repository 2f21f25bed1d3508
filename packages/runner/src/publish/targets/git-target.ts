import { execFile } from 'node:child_process';
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GitTargetConfig } from './schema.js';
import type { FeedUpload, PublishTarget } from './target.js';

/** Options of `GitTarget`. */
export interface GitTargetOptions {
  readonly config: GitTargetConfig;
  /** The local clone (created on first use). */
  readonly workDir: string;
  /** Access token for https remotes (from `tokenEnv`). */
  readonly token?: string | undefined;
  /** The `git` executable (default `git` on PATH). */
  readonly gitBinary?: string | undefined;
}

const VERIFY_REF = 'refs/kaspi-connect/verify';
const LOCAL_BRANCH = 'kaspi-connect-publish';

/**
 * A branch of a Git repository (GitHub/GitLab Pages, a raw-file URL), driven through the `git`
 * command, which every machine has and which already knows the user's SSH keys and credential
 * helpers. Each publish is one commit on top of the remote branch, pushed without force: a push
 * is atomic on the remote, so readers see the old commit or the new one. When someone else
 * pushed in between, the push is refused, and the commit is rebuilt on their work and pushed again.
 */
export class GitTarget implements PublishTarget {
  readonly kind = 'git';
  readonly name: string;
  readonly publicUrl: string;
  readonly #options: GitTargetOptions;

  constructor(options: GitTargetOptions) {
    this.#options = options;
    this.name = options.config.name;
    this.publicUrl = options.config.publicUrl;
  }

  async upload(feed: FeedUpload, signal: AbortSignal): Promise<void> {
    await this.#prepareClone(signal);
    // Two tries: a refused push means the branch moved; the second one builds on the new tip.
    for (let attempt = 1; ; attempt++) {
      const committed = await this.#commitOnRemoteTip(feed, signal);
      if (!committed) return;
      try {
        await this.#git(
          ['push', '--quiet', 'origin', `HEAD:refs/heads/${this.#config.branch}`],
          signal,
        );
        return;
      } catch (error) {
        if (attempt >= 2 || !/\[rejected\]|non-fast-forward|fetch first/.test(String(error))) {
          throw error;
        }
      }
    }
  }

  async readBack(signal: AbortSignal): Promise<Uint8Array | undefined> {
    await this.#prepareClone(signal);
    if (!(await this.#remoteHasBranch(signal))) return undefined;
    await this.#git(
      [
        'fetch',
        '--quiet',
        '--no-tags',
        '--depth=1',
        'origin',
        `+refs/heads/${this.#config.branch}:${VERIFY_REF}`,
      ],
      signal,
    );
    try {
      return await this.#git(['cat-file', 'blob', `${VERIFY_REF}:${this.#config.path}`], signal);
    } catch {
      return undefined;
    }
  }

  get #config(): GitTargetConfig {
    return this.#options.config;
  }

  async #prepareClone(signal: AbortSignal): Promise<void> {
    const { workDir } = this.#options;
    await mkdir(workDir, { recursive: true });
    const inside = await this.#git(['rev-parse', '--is-inside-work-tree'], signal)
      .then((out) => out.toString().trim() === 'true')
      .catch(() => false);
    const isOwnRoot =
      inside &&
      (await this.#git(['rev-parse', '--show-toplevel'], signal)).toString().trim() ===
        (await realpath(workDir));
    if (!isOwnRoot) await this.#git(['init', '--quiet'], signal);
    const remotes = (await this.#git(['remote'], signal)).toString().split('\n');
    await this.#git(
      remotes.includes('origin')
        ? ['remote', 'set-url', 'origin', this.#config.remote]
        : ['remote', 'add', 'origin', this.#config.remote],
      signal,
    );
  }

  /** Commits the feed on top of the remote branch; `false` when the branch already holds it. */
  async #commitOnRemoteTip(feed: FeedUpload, signal: AbortSignal): Promise<boolean> {
    const { branch, path } = this.#config;
    if (await this.#remoteHasBranch(signal)) {
      await this.#git(
        [
          'fetch',
          '--quiet',
          '--no-tags',
          '--depth=1',
          'origin',
          `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
        ],
        signal,
      );
      await this.#git(
        ['checkout', '--quiet', '--force', '-B', LOCAL_BRANCH, `refs/remotes/origin/${branch}`],
        signal,
      );
    } else {
      // A new branch starts with the feed alone (a Pages branch holds nothing else).
      await this.#git(['update-ref', '-d', `refs/heads/${LOCAL_BRANCH}`], signal);
      await this.#git(['symbolic-ref', 'HEAD', `refs/heads/${LOCAL_BRANCH}`], signal);
      await this.#git(['read-tree', '--empty'], signal);
    }
    const file = join(this.#options.workDir, ...path.split('/'));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, feed.bytes);
    await this.#git(['add', '--', path], signal);
    const changed = await this.#git(['diff', '--cached', '--quiet'], signal)
      .then(() => false)
      .catch(() => true);
    if (!changed) return false;
    await this.#git(
      [
        '-c',
        `user.name=${this.#config.authorName}`,
        '-c',
        `user.email=${this.#config.authorEmail}`,
        'commit',
        '--quiet',
        '--no-verify',
        '-m',
        `Update Kaspi price list (${feed.publishedAt.toISOString()})`,
      ],
      signal,
    );
    return true;
  }

  async #remoteHasBranch(signal: AbortSignal): Promise<boolean> {
    const out = await this.#git(
      ['ls-remote', '--heads', 'origin', `refs/heads/${this.#config.branch}`],
      signal,
    );
    return out.toString().trim() !== '';
  }

  #git(args: readonly string[], signal: AbortSignal): Promise<Buffer> {
    const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
    // Never wait for a passphrase or host-key prompt: fail and let the outbox retry.
    if (env.GIT_SSH_COMMAND === undefined) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
    const { token } = this.#options;
    if (token !== undefined) {
      // Through the environment, so the token never shows in the process list.
      const basic = Buffer.from(`${this.#config.tokenUser}:${token}`).toString('base64');
      env.GIT_CONFIG_COUNT = '1';
      env.GIT_CONFIG_KEY_0 = 'http.extraHeader';
      env.GIT_CONFIG_VALUE_0 = `Authorization: Basic ${basic}`;
    }
    return new Promise((resolve, reject) => {
      execFile(
        this.#options.gitBinary ?? 'git',
        args,
        {
          cwd: this.#options.workDir,
          env,
          encoding: 'buffer',
          maxBuffer: 512 * 1024 * 1024,
          timeout: this.#config.timeoutMs,
          signal,
        },
        (error, stdout, stderr) => {
          if (error === null) {
            resolve(stdout);
            return;
          }
          // Credentials written into a remote URL (https://user:token@host) never reach a log.
          const detail = stderr
            .toString()
            .trim()
            .split('\n')
            .slice(-6)
            .join(' | ')
            .replace(/\/\/[^/@\s]+@/g, '//***@');
          reject(
            new Error(
              `git ${args[0] === '-c' ? 'commit' : args[0]} failed: ${detail || error.message}`,
              {
                cause: error,
              },
            ),
          );
        },
      );
    });
  }
}
