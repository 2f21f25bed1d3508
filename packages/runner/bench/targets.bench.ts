/**
 * Benchmark (`pnpm bench`): one verified publish (upload + read-back + hash compare) of a
 * 13 000-offer feed to each kind of target, against the same local servers the tests use.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitTarget } from '../src/publish/targets/git-target.js';
import { S3Target } from '../src/publish/targets/s3-target.js';
import { SftpTarget } from '../src/publish/targets/sftp-target.js';
import { type PublishTarget, publishVerified, sha256Hex } from '../src/publish/targets/target.js';
import { startLocalGitRemote } from '../test/helpers/git-remote.js';
import { startLocalS3 } from '../test/helpers/s3-server.js';
import { startLocalSftp } from '../test/helpers/sftp-server.js';

const OFFERS = Number(process.env.BENCH_OFFERS ?? 13_000);
const RUNS = 3;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** A feed of typical offers (model, brand, availability, price), different on every run. */
function feed(run: number) {
  const offers = Array.from(
    { length: OFFERS },
    (_, i) =>
      `<offer sku="AS${20_000 + i}"><model>Колонки Mi Bluetooth Speaker ${i} чёрный</model><brand>Xiaomi</brand><availabilities><availability available="yes" storeId="PP1" stockCount="${(i + run) % 50}"/></availabilities><price>${13_490 + run}</price></offer>`,
  ).join('\n');
  const text = `<?xml version="1.0" encoding="utf-8"?>\n<kaspi_catalog date="2026-12-01T10:00:00" xmlns="kaspiShopping"><company>Bench</company><merchantid>30453464</merchantid><offers>\n${offers}\n</offers></kaspi_catalog>\n`;
  const bytes = new TextEncoder().encode(text);
  return { bytes, sha256: sha256Hex(bytes), publishedAt: new Date() };
}

const work = mkdtempSync(join(tmpdir(), 'kc-bench-targets-'));
const s3 = await startLocalS3();
const git = startLocalGitRemote();
const sftp = await startLocalSftp();
const common = { timeoutMs: 600_000 } as const;
const targets: PublishTarget[] = [
  new S3Target({
    config: {
      ...common,
      kind: 's3',
      name: 's3',
      endpoint: s3.url,
      region: 'us-east-1',
      bucket: s3.bucket,
      key: 'bench/kaspi.xml',
      style: 'path',
      cacheControl: 'no-cache',
      accessKeyIdEnv: 'A',
      secretAccessKeyEnv: 'B',
    },
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  }),
  new GitTarget({
    config: {
      ...common,
      kind: 'git',
      name: 'git',
      remote: git.dir,
      branch: 'gh-pages',
      path: 'bench/kaspi.xml',
      publicUrl: 'https://example.invalid/bench/kaspi.xml',
      authorName: 'bench',
      authorEmail: 'bench@example.invalid',
      tokenUser: 'x',
    },
    workDir: join(work, 'clone'),
  }),
  new SftpTarget({
    config: {
      ...common,
      kind: 'sftp',
      name: 'sftp',
      host: sftp.host,
      port: sftp.port,
      username: sftp.username,
      path: 'www/bench/kaspi.xml',
      publicUrl: 'https://example.invalid/bench/kaspi.xml',
      passwordEnv: 'P',
      passphraseEnv: 'Q',
      hostKeySha256: sftp.hostKeySha256,
    },
    password: sftp.password,
  }),
];

const signal = new AbortController().signal;
const size = feed(0).bytes.byteLength;
console.log(`${OFFERS} offers, ${(size / 1024 / 1024).toFixed(1)} MB, median of ${RUNS} publishes`);
console.log('| target | upload + read-back + compare |');
console.log('|---|---|');
try {
  for (const target of targets) {
    const times: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const started = performance.now();
      await publishVerified(target, feed(run), signal);
      times.push(performance.now() - started);
    }
    console.log(`| ${target.kind} | ${(median(times) / 1000).toFixed(2)} s |`);
  }
} finally {
  await sftp.close();
  git.close();
  await s3.close();
  rmSync(work, { recursive: true, force: true });
}
