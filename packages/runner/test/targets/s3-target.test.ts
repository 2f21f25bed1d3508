import { proxyTo, type SimServer, startSimServer } from '@kaspi-connect/sim-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3Target } from '../../src/publish/targets/s3-target.js';
import {
  publishVerified,
  sha256Hex,
  TargetPublishError,
} from '../../src/publish/targets/target.js';
import { type LocalS3, startLocalS3 } from '../helpers/s3-server.js';
import { UPLOAD_FAULTS } from '../helpers/upload-faults.js';

const feed = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { bytes, sha256: sha256Hex(bytes), publishedAt: new Date('2026-12-01T10:00:00Z') };
};
const big = (tag: string) =>
  `<kaspi_catalog>${`<offer sku="${tag}"/>`.repeat(20_000)}</kaspi_catalog>`;

let s3: LocalS3;
let proxy: SimServer;
const signal = new AbortController().signal;

beforeAll(async () => {
  s3 = await startLocalS3();
  proxy = await startSimServer({ routes: {}, notFound: proxyTo(s3.url) });
});
afterAll(async () => {
  await proxy.close();
  await s3.close();
});
beforeEach(() => {
  proxy.clearFaults();
});

function target(overrides: { accessKeyId?: string; endpoint?: string } = {}) {
  return new S3Target({
    config: {
      kind: 's3',
      name: 'local-s3',
      endpoint: overrides.endpoint ?? proxy.url,
      region: 'us-east-1',
      bucket: s3.bucket,
      key: 'secret-abc/kaspi.xml',
      style: 'path',
      cacheControl: 'no-cache',
      accessKeyIdEnv: 'S3_ACCESS_KEY_ID',
      secretAccessKeyEnv: 'S3_SECRET_ACCESS_KEY',
      timeoutMs: 10_000,
    },
    accessKeyId: overrides.accessKeyId ?? s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  });
}

describe('S3Target against s3rver on 127.0.0.1', () => {
  it('uploads, reads back and the server holds exactly the feed', async () => {
    const first = big('A');
    await publishVerified(target(), feed(first), signal);
    expect(await s3.object('secret-abc/kaspi.xml')).toBe(first);
    expect(target().publicUrl).toBe(`${proxy.url}/feeds/secret-abc/kaspi.xml`);
  });

  it('builds virtual-host URLs for AWS-style endpoints', () => {
    const t = new S3Target({
      config: {
        ...targetConfigFor('virtual-host'),
        endpoint: 'https://s3.eu-central-1.amazonaws.com',
      },
      accessKeyId: 'k',
      secretAccessKey: 's',
    });
    expect(t.objectUrl).toBe('https://feeds.s3.eu-central-1.amazonaws.com/secret-abc/kaspi.xml');
  });

  it.each([
    ['refuse', 'upload', /503 SlowDown/],
    ['drop', 'upload', /./],
    ['blackhole', 'verify', /differs from the one uploaded/],
  ] as const)(
    'a %s fault fails the publish and the previous feed stays',
    async (fault, phase, message) => {
      const before = big('OLD');
      await publishVerified(target(), feed(before), signal);
      proxy.injectFault(UPLOAD_FAULTS[fault]);
      const error = await publishVerified(target(), feed(big('NEW')), signal).catch(
        (e: unknown) => e,
      );
      expect(TargetPublishError.isInstance(error)).toBe(true);
      expect((error as TargetPublishError).phase).toBe(phase);
      expect((error as Error).message).toMatch(message);
      expect(
        proxy.requests.filter((r) => r.method === 'PUT' && r.fault !== null).length,
      ).toBeGreaterThan(0);
      // The server's own record: still the old feed, whole.
      expect(await s3.object('secret-abc/kaspi.xml')).toBe(before);
    },
  );

  it('an unknown access key is refused with the server’s reason', async () => {
    const error = await publishVerified(
      target({ accessKeyId: 'WRONG' }),
      feed('<x/>'),
      signal,
    ).catch((e: unknown) => e as Error);
    expect(String(error)).toMatch(/403 InvalidAccessKeyId/);
  });
});

function targetConfigFor(style: 'path' | 'virtual-host') {
  return {
    kind: 's3' as const,
    name: 'aws',
    endpoint: 'http://127.0.0.1:1',
    region: 'eu-central-1',
    bucket: 'feeds',
    key: 'secret-abc/kaspi.xml',
    style,
    cacheControl: 'no-cache',
    accessKeyIdEnv: 'S3_ACCESS_KEY_ID',
    secretAccessKeyEnv: 'S3_SECRET_ACCESS_KEY',
    timeoutMs: 10_000,
  };
}
