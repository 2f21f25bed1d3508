import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proxyTo, type SimServer, startSimServer } from '@kaspi-connect/sim-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFeed } from '../../src/commands/run.js';
import { openRuntime, type Runtime } from '../../src/commands/runtime.js';
import { parseConfig } from '../../src/config/load-config.js';
import { runSync, type SyncDependencies } from '../../src/pipeline/sync.js';
import type { TargetEvent } from '../../src/publish/targets/events.js';
import { formatTargetStatus, readTargetStatus } from '../../src/publish/targets/status.js';
import type { FeedServer } from '../../src/server/feed-server.js';
import { baseConfigInput } from '../helpers/config.js';
import { FakeSupplier, makeProducts } from '../helpers/fake-supplier.js';
import { type LocalGitRemote, startLocalGitRemote } from '../helpers/git-remote.js';
import { type LocalS3, startLocalS3 } from '../helpers/s3-server.js';
import { type LocalSftp, startLocalSftp } from '../helpers/sftp-server.js';
import { UPLOAD_FAULTS } from '../helpers/upload-faults.js';

const SECRET = 'Zk3v9QmT2xL8pR4w';
const KEY = `${SECRET}/kaspi.xml`;

describe('one sync publishes the same feed to the local server, S3, Git and SFTP', () => {
  let s3: LocalS3;
  let proxy: SimServer;
  let git: LocalGitRemote;
  let sftp: LocalSftp;
  let runtime: Runtime;
  let server: FeedServer;
  let deps: SyncDependencies;
  let dir: string;
  const supplier = new FakeSupplier(makeProducts(400));
  const events: TargetEvent[] = [];

  beforeAll(async () => {
    s3 = await startLocalS3();
    proxy = await startSimServer({ routes: {}, notFound: proxyTo(s3.url) });
    git = startLocalGitRemote();
    sftp = await startLocalSftp();
    dir = mkdtempSync(join(tmpdir(), 'kc-targets-'));
    const parsed = parseConfig(
      {
        ...baseConfigInput,
        // Every sync below changes every price on purpose.
        guards: { maxPriceChangedPercent: 100, priceChangePercent: 1000 },
        server: { port: 0 },
        state: { path: 'state.db' },
        feed: {
          dir: 'feed',
          targets: [
            {
              kind: 's3',
              name: 's3',
              endpoint: proxy.url,
              bucket: s3.bucket,
              key: KEY,
              style: 'path',
            },
            {
              kind: 'git',
              name: 'pages',
              remote: git.dir,
              branch: 'gh-pages',
              path: KEY,
              publicUrl: `https://me.github.io/feed/${KEY}`,
            },
            {
              kind: 'sftp',
              name: 'hosting',
              host: sftp.host,
              port: sftp.port,
              username: sftp.username,
              path: `www/${KEY}`,
              publicUrl: `https://shop.example.kz/${KEY}`,
              hostKeySha256: sftp.hostKeySha256,
              timeoutMs: 20_000,
            },
          ],
        },
      },
      {
        ALSTYLE_TOKEN: 't',
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        SFTP_PASSWORD: sftp.password,
      },
    );
    runtime = openRuntime(
      { ...parsed, baseDir: dir },
      { withTargets: true, onTargetEvent: (e) => events.push(e) },
    );
    deps = {
      config: parsed.config,
      suppliers: [{ supplier, skuPrefix: 'AS' }],
      store: runtime.store,
      publisher: runtime.publisher,
      secrets: runtime.secrets,
      targets: runtime.targets,
    };
    server = await serveFeed(runtime, { port: 0 });
  });

  afterAll(async () => {
    await server.close();
    runtime.close();
    await sftp.close();
    git.close();
    await proxy.close();
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Each server's own record of the feed it holds. */
  const held = async () => ({
    s3: await s3.object(KEY),
    git: git.file('gh-pages', KEY),
    sftp: readFileSync(join(sftp.root, 'www', KEY), 'utf8'),
  });
  const local = async () => (await fetch(server.feedUrl)).text();
  const reprice = (delta: number) => {
    supplier.products = supplier.products.map((p) => ({
      ...p,
      prices: { dealer: p.prices.dealer, retail: (p.prices.retail ?? 0) + delta },
    }));
  };

  it('publishes everywhere and says which URL to give Kaspi', async () => {
    const result = await runSync(deps, { mode: 'full' });
    expect(result.status).toBe('published');
    const feed = await local();
    expect(feed).toContain('<offer sku="AS1000">');
    expect(await held()).toEqual({ s3: feed, git: feed, sftp: feed });
    const first = events.filter((e) => e.type === 'target.published');
    expect(first.map((e) => [e.target, e.type === 'target.published' && e.first])).toEqual([
      ['s3', true],
      ['pages', true],
      ['hosting', true],
    ]);
    const status = readTargetStatus(runtime.store, deps.config.feed.targets);
    expect(status.every((t) => t.upToDate && t.lastSuccessAt !== undefined && t.unguessable)).toBe(
      true,
    );
    expect(status[0]?.url).toBe(`${proxy.url}/feeds/${KEY}`);
    expect(formatTargetStatus(status, 'Asia/Almaty')).toContain(
      `pages (git) up to date, last success `,
    );
  });

  it('a target failing mid-upload keeps its previous feed whole; the next cycle catches up, never stale-over-new', async () => {
    const v1 = await local();
    proxy.injectFault(UPLOAD_FAULTS.drop);
    git.setFault('refuse');
    sftp.fault = 'drop';
    events.length = 0;

    reprice(10);
    expect((await runSync(deps, { mode: 'full' })).status).toBe('published');
    const v2 = await local();
    expect(v2).not.toBe(v1);
    // The local server has the new feed; every target still holds v1, whole.
    expect(await held()).toEqual({ s3: v1, git: v1, sftp: v1 });
    expect(events.filter((e) => e.type === 'target.failed').map((e) => e.target)).toEqual([
      's3',
      'pages',
      'hosting',
    ]);

    // A second publish while the faults last: v3 goes live locally, targets still at v1.
    reprice(10);
    proxy.clearFaults();
    proxy.injectFault(UPLOAD_FAULTS.blackhole);
    sftp.fault = 'blackhole';
    await runSync(deps, { mode: 'full' });
    const v3 = await local();
    expect(await held()).toEqual({ s3: v1, git: v1, sftp: v1 });
    const behind = readTargetStatus(runtime.store, deps.config.feed.targets);
    // Attempts count against the newest wanted feed (v3), which each failed once.
    expect(behind.map((t) => [t.upToDate, t.failedAttempts])).toEqual([
      [false, 1],
      [false, 1],
      [false, 1],
    ]);

    // Faults gone: a cycle with nothing new (unchanged) brings every target straight to v3.
    proxy.clearFaults();
    git.setFault('none');
    sftp.fault = 'none';
    expect((await runSync(deps, { mode: 'full' })).status).toBe('unchanged');
    expect(await held()).toEqual({ s3: v3, git: v3, sftp: v3 });
    // v2 never reached Git: one commit for v1, one for v3.
    expect(git.log('gh-pages')).toHaveLength(2);
    const after = readTargetStatus(runtime.store, deps.config.feed.targets);
    expect(after.every((t) => t.upToDate && t.failedAttempts === 0)).toBe(true);
  });

  it('a dry run touches no target', async () => {
    const commits = git.log('gh-pages').length;
    reprice(10);
    await runSync(deps, { mode: 'full', dryRun: true });
    expect(git.log('gh-pages')).toHaveLength(commits);
  });
});
