import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalGitRemote, startLocalGitRemote } from '../helpers/git-remote.js';
import { type LocalS3, startLocalS3 } from '../helpers/s3-server.js';
import { type LocalSftp, startLocalSftp } from '../helpers/sftp-server.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const SECRET = 'Hq7Rk2Vx9Lm4Tz8Pw3Nc';

/** A web server in front of a folder or a repository branch, as Pages or shared hosting would be. */
async function startWebServer(
  read: (path: string) => string | undefined,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const body = read(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1)));
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe.skipIf(!existsSync(bin))(
  'kaspi-connect sync publishes to every target (built CLI)',
  () => {
    let alstyle: AlStyleSimulator;
    let s3: LocalS3;
    let git: LocalGitRemote;
    let sftp: LocalSftp;
    let pages: { url: string; server: Server };
    let hosting: { url: string; server: Server };
    let cwd: string;

    beforeAll(async () => {
      alstyle = await startAlStyleSimulator({ catalogueSize: 300, seed: 5, rateLimitMs: 20 });
      s3 = await startLocalS3();
      git = startLocalGitRemote();
      sftp = await startLocalSftp();
      pages = await startWebServer((path) => git.file('gh-pages', path));
      hosting = await startWebServer((path) => {
        const file = join(sftp.root, 'www', path);
        return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      });
      cwd = mkdtempSync(join(tmpdir(), 'kc-cli-targets-'));
      const config = {
        shop: { company: 'CLI', merchantId: '30453464', stores: [{ id: 'PP1' }] },
        suppliers: { alstyle: { baseUrl: alstyle.url, intervalMs: 20, marginMs: 15 } },
        feed: {
          dir: 'feed',
          targets: [
            {
              kind: 's3',
              name: 's3',
              endpoint: s3.url,
              bucket: s3.bucket,
              key: `${SECRET}/kaspi.xml`,
              style: 'path',
            },
            {
              kind: 'git',
              name: 'pages',
              remote: git.dir,
              branch: 'gh-pages',
              path: `${SECRET}/kaspi.xml`,
              publicUrl: `${pages.url}/${SECRET}/kaspi.xml`,
            },
            {
              kind: 'sftp',
              name: 'hosting',
              host: sftp.host,
              port: sftp.port,
              username: sftp.username,
              path: `www/${SECRET}/kaspi.xml`,
              publicUrl: `${hosting.url}/${SECRET}/kaspi.xml`,
              hostKeySha256: sftp.hostKeySha256,
            },
          ],
        },
        state: { path: 'state.db' },
      };
      writeFileSync(join(cwd, 'kaspi-connect.config.json'), JSON.stringify(config));
      writeFileSync(
        join(cwd, '.env'),
        `ALSTYLE_TOKEN=${alstyle.token}\nS3_ACCESS_KEY_ID=${s3.accessKeyId}\nS3_SECRET_ACCESS_KEY=${s3.secretAccessKey}\nSFTP_PASSWORD=${sftp.password}\n`,
      );
    });

    afterAll(async () => {
      pages.server.close();
      hosting.server.close();
      await sftp.close();
      git.close();
      await s3.close();
      await alstyle.close();
      rmSync(cwd, { recursive: true, force: true });
    });

    it('one sync: the same feed on disk, on S3, on the Git branch and on SFTP; status and check-url agree', async () => {
      const sync = await run(process.execPath, [bin, 'sync', '--cwd', cwd, '--json']);
      const local = readFileSync(join(cwd, 'feed', 'kaspi.xml'), 'utf8');
      expect(local).toContain('<kaspi_catalog');
      expect(await s3.object(`${SECRET}/kaspi.xml`)).toBe(local);
      expect(git.file('gh-pages', `${SECRET}/kaspi.xml`)).toBe(local);
      expect(readFileSync(join(sftp.root, 'www', SECRET, 'kaspi.xml'), 'utf8')).toBe(local);
      // The first publish names the URL to give Kaspi; no secret reaches the log.
      expect(sync.stderr).toContain(`paste ${pages.url}/${SECRET}/kaspi.xml into Kaspi`);
      for (const secret of [sftp.password, alstyle.token])
        expect(sync.stderr).not.toContain(secret);

      const status = JSON.parse(
        (await run(process.execPath, [bin, 'status', '--cwd', cwd])).stdout,
      ) as {
        targets: { name: string; url: string; upToDate: boolean; lastSuccessAt?: string }[];
      };
      expect(status.targets.map((t) => [t.name, t.url, t.upToDate])).toEqual([
        ['s3', `${s3.url}/feeds/${SECRET}/kaspi.xml`, true],
        ['pages', `${pages.url}/${SECRET}/kaspi.xml`, true],
        ['hosting', `${hosting.url}/${SECRET}/kaspi.xml`, true],
      ]);
      expect(status.targets.every((t) => typeof t.lastSuccessAt === 'string')).toBe(true);

      const check = await run(process.execPath, [bin, 'check-url', '--cwd', cwd]);
      const checks = JSON.parse(check.stdout) as { target: string; outcome: string }[];
      expect(checks.map((c) => [c.target, c.outcome])).toEqual([
        ['s3', 'ok'],
        ['pages', 'ok'],
        ['hosting', 'ok'],
      ]);
    });
  },
);
