import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTargetUrls } from '../../src/commands/check-url.js';
import { initProject } from '../../src/commands/init.js';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig, parseConfig } from '../../src/config/load-config.js';
import { createTargets } from '../../src/publish/targets/create-targets.js';
import type { TargetConfig } from '../../src/publish/targets/schema.js';
import { hasUnguessableSegment } from '../../src/publish/targets/status.js';
import { baseConfigInput } from '../helpers/config.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kc-init-targets-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('init writes an unguessable path segment for targets without basic auth', () => {
  it('puts a fresh 128-bit segment in every example target URL', async () => {
    const segments = await Promise.all(
      [tempDir(), tempDir()].map(async (cwd) => {
        await initProject({ cwd });
        const text = readFileSync(join(cwd, 'kaspi-connect.config.ts'), 'utf8');
        expect(text).not.toContain('__FEED_SECRET__');
        // Three example targets, each with a path and a public URL.
        const found = [...text.matchAll(/\/?([A-Za-z0-9_-]{22})\/kaspi\.xml'/g)].map((m) => m[1]);
        expect(found).toHaveLength(6);
        expect(new Set(found).size).toBe(1);
        expect(hasUnguessableSegment(`https://x.example/${found[0]}/kaspi.xml`)).toBe(true);
        return found[0];
      }),
    );
    expect(segments[0]).not.toBe(segments[1]);
  });

  it('the starter config still loads, with no targets switched on', async () => {
    const cwd = tempDir();
    await initProject({ cwd });
    // The starter's placeholder shop id is refused on purpose; everything else must parse.
    const error = await loadConfig({ cwd, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.key)).toEqual(['shop.merchantId']);
  });

  it('flags guessable URLs', () => {
    expect(hasUnguessableSegment('https://me.github.io/feed/kaspi.xml')).toBe(false);
    expect(hasUnguessableSegment('https://me.github.io/feed/aaaaaaaaaaaaaaaaaaaa/kaspi.xml')).toBe(
      false,
    );
  });
});

describe('feed.targets config', () => {
  const withTargets = (targets: unknown[], env: NodeJS.ProcessEnv = {}) =>
    parseConfig({ ...baseConfigInput, feed: { targets } }, env);

  it('names every missing secret by its environment variable', () => {
    const parsed = withTargets([
      {
        kind: 's3',
        name: 'r2',
        endpoint: 'https://a.r2.example',
        bucket: 'feeds',
        key: 'k/kaspi.xml',
      },
      {
        kind: 'sftp',
        name: 'host',
        host: 'h',
        username: 'u',
        path: 'p/kaspi.xml',
        publicUrl: 'https://h/p',
      },
    ]);
    const error = (() => {
      try {
        createTargets({ ...parsed, baseDir: tempDir() });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('S3_ACCESS_KEY_ID');
    expect((error as ConfigError).message).toContain('S3_SECRET_ACCESS_KEY');
    expect((error as ConfigError).message).toContain('SFTP_PASSWORD');
  });

  it('refuses duplicate names, unknown kinds and ".." paths with a clear message', () => {
    const error = (() => {
      try {
        withTargets([
          { kind: 'git', name: 'a', remote: 'r', path: '../kaspi.xml', publicUrl: 'https://x/y' },
          { kind: 'ftp', name: 'b' },
        ]);
      } catch (e) {
        return e as ConfigError;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/without "\.\." segments/);
    expect(error?.message).toMatch(/kind "s3", "git" or "sftp"/);
    expect(() =>
      withTargets([
        { kind: 'git', name: 'a', remote: 'r', path: 'x.xml', publicUrl: 'https://x/y' },
        { kind: 'git', name: 'a', remote: 'r', path: 'y.xml', publicUrl: 'https://x/z' },
      ]),
    ).toThrow(/a different name for each target/);
  });
});

describe('checkTargetUrls fetches each public URL as Kaspi would', () => {
  it('tells a URL serving the live feed from a stale one and an error', async () => {
    const dir = tempDir();
    const live = join(dir, 'kaspi.xml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(live, '<live/>');
    const server = createServer((req, res) => {
      if (req.url === '/live.xml') res.end('<live/>');
      else if (req.url === '/old.xml') res.end('<old/>');
      else res.writeHead(403).end('denied');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const target = (name: string, path: string): TargetConfig => ({
      kind: 'git',
      name,
      remote: 'r',
      branch: 'main',
      path: 'kaspi.xml',
      publicUrl: `${base}${path}`,
      authorName: 'a',
      authorEmail: 'a@b',
      tokenUser: 'x',
      timeoutMs: 5000,
    });
    try {
      const checks = await checkTargetUrls(
        [target('a', '/live.xml'), target('b', '/old.xml'), target('c', '/private.xml')],
        { livePath: live },
      );
      expect(checks.map((c) => [c.target, c.outcome, c.httpStatus])).toEqual([
        ['a', 'ok', 200],
        ['b', 'stale', 200],
        ['c', 'http-error', 403],
      ]);
      const refused = await checkTargetUrls(
        [target('d', '/x')].map((t) => ({ ...t, publicUrl: 'http://127.0.0.1:1/x' })),
        {
          livePath: live,
        },
      );
      expect(refused[0]?.outcome).toBe('unreachable');
    } finally {
      server.close();
    }
  });
});
