import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Faults of the bare repository's receive side. */
export type GitFault = 'none' | 'refuse' | 'drop' | 'blackhole';

/** A bare Git repository in a temp dir, used as the remote, with switchable push faults. */
export interface LocalGitRemote {
  readonly dir: string;
  /** `refuse`: pre-receive says no; `drop`: receive-pack is killed mid-push; `blackhole`: the push
   * is reported OK but the ref is put back. */
  setFault(fault: GitFault): void;
  /** The file at `path` on `branch` as the remote itself holds it, or undefined. */
  file(branch: string, path: string): string | undefined;
  /** Commit subjects on `branch`, newest first. */
  log(branch: string): string[];
  close(): void;
}

const HOOKS: Record<Exclude<GitFault, 'none'>, [string, string]> = {
  refuse: ['pre-receive', '#!/bin/sh\necho "push refused by repository policy" >&2\nexit 1\n'],
  // Kills receive-pack after the objects arrived and before any ref moves: a dropped connection.
  drop: ['pre-receive', '#!/bin/sh\nkill -9 $PPID\nsleep 5\n'],
  blackhole: [
    'post-receive',
    '#!/bin/sh\nwhile read old new ref; do\n  if [ "$old" = 0000000000000000000000000000000000000000 ]; then git update-ref -d "$ref"; else git update-ref "$ref" "$old"; fi\ndone\n',
  ],
};

export function startLocalGitRemote(): LocalGitRemote {
  const dir = mkdtempSync(join(tmpdir(), 'kc-git-remote-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '--quiet', '--bare');
  const removeHooks = () => {
    for (const name of ['pre-receive', 'post-receive'])
      rmSync(join(dir, 'hooks', name), { force: true });
  };
  return {
    dir,
    setFault: (fault) => {
      removeHooks();
      if (fault === 'none') return;
      const [name, script] = HOOKS[fault];
      const path = join(dir, 'hooks', name);
      writeFileSync(path, script);
      chmodSync(path, 0o755);
    },
    file: (branch, path) => {
      try {
        return git('cat-file', 'blob', `refs/heads/${branch}:${path}`);
      } catch {
        return undefined;
      }
    },
    log: (branch) => {
      try {
        return git('log', '--format=%s', `refs/heads/${branch}`).trim().split('\n');
      } catch {
        return [];
      }
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
