import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitTarget } from '../../src/publish/targets/git-target.js';
import {
  publishVerified,
  sha256Hex,
  TargetPublishError,
} from '../../src/publish/targets/target.js';
import { type LocalGitRemote, startLocalGitRemote } from '../helpers/git-remote.js';

const feed = (text: string, at = '2026-12-01T10:00:00Z') => {
  const bytes = new TextEncoder().encode(text);
  return { bytes, sha256: sha256Hex(bytes), publishedAt: new Date(at) };
};
const signal = new AbortController().signal;
const PATH = 'k7Yq3secret/kaspi.xml';

let remote: LocalGitRemote;
let work: string;

beforeEach(() => {
  remote = startLocalGitRemote();
  work = mkdtempSync(join(tmpdir(), 'kc-git-work-'));
});
afterEach(() => {
  remote.close();
  rmSync(work, { recursive: true, force: true });
});

function target() {
  return new GitTarget({
    config: {
      kind: 'git',
      name: 'pages',
      remote: remote.dir,
      branch: 'gh-pages',
      path: PATH,
      publicUrl: 'https://me.github.io/feed/k7Yq3secret/kaspi.xml',
      authorName: 'kaspi-connect',
      authorEmail: 'kc@example.invalid',
      tokenUser: 'x-access-token',
      timeoutMs: 30_000,
    },
    workDir: join(work, 'clone'),
  });
}

describe('GitTarget against a local bare repository', () => {
  it('creates the branch, then adds one commit per publish, never rewriting history', async () => {
    await publishVerified(target(), feed('<v1/>'), signal);
    expect(remote.file('gh-pages', PATH)).toBe('<v1/>');
    await publishVerified(target(), feed('<v2/>', '2026-12-01T11:00:00Z'), signal);
    expect(remote.file('gh-pages', PATH)).toBe('<v2/>');
    expect(remote.log('gh-pages')).toEqual([
      'Update Kaspi price list (2026-12-01T11:00:00.000Z)',
      'Update Kaspi price list (2026-12-01T10:00:00.000Z)',
    ]);
    // Publishing the same feed again makes no empty commit.
    await publishVerified(target(), feed('<v2/>'), signal);
    expect(remote.log('gh-pages')).toHaveLength(2);
  });

  it('builds on a commit someone else pushed in between (no force-push)', async () => {
    await publishVerified(target(), feed('<v1/>'), signal);
    const other = join(work, 'other');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: other, stdio: 'pipe' });
    execFileSync('git', ['clone', '--quiet', '--branch', 'gh-pages', remote.dir, other], {
      stdio: 'pipe',
    });
    writeFileSync(join(other, 'README.md'), 'hello');
    git('add', 'README.md');
    git('-c', 'user.name=a', '-c', 'user.email=a@b.c', 'commit', '-qm', 'Add a README');
    git('push', '-q', 'origin', 'gh-pages');
    await publishVerified(target(), feed('<v2/>', '2026-12-01T11:00:00Z'), signal);
    expect(remote.file('gh-pages', 'README.md')).toBe('hello');
    expect(remote.file('gh-pages', PATH)).toBe('<v2/>');
    expect(remote.log('gh-pages')[1]).toBe('Add a README');
  });

  it.each([
    ['refuse', 'upload', /push refused by repository policy/],
    ['drop', 'upload', /git push failed/],
    ['blackhole', 'verify', /differs from the one uploaded/],
  ] as const)(
    'a %s fault fails the publish and the remote keeps the previous feed',
    async (fault, phase, message) => {
      await publishVerified(target(), feed('<old/>'), signal);
      remote.setFault(fault);
      const error = await publishVerified(target(), feed('<new/>'), signal).catch(
        (e: unknown) => e,
      );
      expect(TargetPublishError.isInstance(error)).toBe(true);
      expect((error as TargetPublishError).phase).toBe(phase);
      expect((error as Error).message).toMatch(message);
      expect(remote.file('gh-pages', PATH)).toBe('<old/>');
      expect(remote.log('gh-pages')).toHaveLength(1);
      // Fault gone: the next attempt goes through from the same clone.
      remote.setFault('none');
      await publishVerified(target(), feed('<new/>'), signal);
      expect(remote.file('gh-pages', PATH)).toBe('<new/>');
    },
  );
});

describe('GitTarget errors', () => {
  it('never shows credentials written into the remote URL', async () => {
    const t = new GitTarget({
      config: {
        kind: 'git',
        name: 'pages',
        remote: 'http://user:hunter2-token@127.0.0.1:1/feed.git',
        branch: 'gh-pages',
        path: PATH,
        publicUrl: 'https://me.github.io/feed/k7Yq3secret/kaspi.xml',
        authorName: 'kaspi-connect',
        authorEmail: 'kc@example.invalid',
        tokenUser: 'x-access-token',
        timeoutMs: 30_000,
      },
      workDir: join(work, 'clone'),
    });
    const error = await publishVerified(t, feed('<v1/>'), signal).catch((e: unknown) => e as Error);
    expect(TargetPublishError.isInstance(error)).toBe(true);
    expect(String(error)).not.toContain('hunter2-token');
  });
});
