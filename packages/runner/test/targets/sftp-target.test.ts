import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SftpTarget } from '../../src/publish/targets/sftp-target.js';
import {
  publishVerified,
  sha256Hex,
  TargetPublishError,
} from '../../src/publish/targets/target.js';
import { type LocalSftp, startLocalSftp } from '../helpers/sftp-server.js';

const feed = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { bytes, sha256: sha256Hex(bytes), publishedAt: new Date('2026-12-01T10:00:00Z') };
};
const big = (tag: string) =>
  `<kaspi_catalog>${`<offer sku="${tag}"/>`.repeat(4_000)}</kaspi_catalog>`;
const signal = new AbortController().signal;
const PATH = 'www/k7Yq3secret/kaspi.xml';

let sftp: LocalSftp;
beforeAll(async () => {
  sftp = await startLocalSftp();
});
afterAll(async () => {
  await sftp.close();
});
beforeEach(() => {
  sftp.fault = 'none';
});

function target(overrides: { password?: string; hostKeySha256?: string } = {}) {
  return new SftpTarget({
    config: {
      kind: 'sftp',
      name: 'hosting',
      host: sftp.host,
      port: sftp.port,
      username: sftp.username,
      path: PATH,
      publicUrl: 'https://shop.example.kz/k7Yq3secret/kaspi.xml',
      passwordEnv: 'SFTP_PASSWORD',
      passphraseEnv: 'SFTP_KEY_PASSPHRASE',
      hostKeySha256: overrides.hostKeySha256 ?? sftp.hostKeySha256,
      timeoutMs: 10_000,
    },
    password: overrides.password ?? sftp.password,
  });
}
const stored = () => readFileSync(join(sftp.root, PATH), 'utf8');
const leftovers = () =>
  readdirSync(join(sftp.root, 'www/k7Yq3secret')).filter((n) => n !== 'kaspi.xml');

describe('SftpTarget against ssh2’s SFTP server on 127.0.0.1', () => {
  it('creates the folder, uploads under a temp name, renames over the live file', async () => {
    await publishVerified(target(), feed(big('A')), signal);
    expect(stored()).toBe(big('A'));
    // The server refuses renames over an existing file: the second publish still replaces it.
    await publishVerified(target(), feed(big('B')), signal);
    expect(stored()).toBe(big('B'));
    expect(leftovers()).toEqual([]);
  });

  it.each([
    ['refuse', 'upload', /denied/i],
    ['drop', 'upload', /./],
    ['blackhole', 'verify', /differs from the one uploaded/],
  ] as const)(
    'a %s fault fails the publish and the previous feed stays',
    async (fault, phase, message) => {
      await publishVerified(target(), feed(big('OLD')), signal);
      sftp.fault = fault;
      const error = await publishVerified(target(), feed(big('NEW')), signal).catch(
        (e: unknown) => e,
      );
      expect(TargetPublishError.isInstance(error)).toBe(true);
      expect((error as TargetPublishError).phase).toBe(phase);
      expect((error as Error).message).toMatch(message);
      expect(sftp.seen[fault]).toBeGreaterThan(0);
      expect(stored()).toBe(big('OLD'));
      // The next attempt, fault gone, goes through and sweeps a torn temp file away.
      sftp.fault = 'none';
      await publishVerified(target(), feed(big('NEW')), signal);
      expect(stored()).toBe(big('NEW'));
      expect(leftovers()).toEqual([]);
    },
  );

  it('refuses a server whose host key does not match', async () => {
    const error = await publishVerified(
      target({ hostKeySha256: `SHA256:${'A'.repeat(43)}` }),
      feed('<x/>'),
      signal,
    ).catch((e: unknown) => e);
    expect(TargetPublishError.isInstance(error)).toBe(true);
    expect(existsSync(join(sftp.root, 'www/k7Yq3secret/kaspi.xml'))).toBe(true);
  });

  it('a wrong password fails without echoing it', async () => {
    const error = await publishVerified(
      target({ password: 'wrong-password-123' }),
      feed('<x/>'),
      signal,
    ).catch((e: unknown) => e as Error);
    expect(String(error)).toMatch(/authentication/i);
    expect(String(error)).not.toContain('wrong-password-123');
  });
});
