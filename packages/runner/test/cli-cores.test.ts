import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { renderPriceList } from '@kaspi-connect/kaspi-pricelist';
import { describe, expect, it } from 'vitest';
import { initProject } from '../src/commands/init.js';
import { readStatus } from '../src/commands/status.js';
import { diffFiles, validateFile } from '../src/commands/validate-file.js';
import { ConfigError } from '../src/config/config-error.js';
import { loadConfig } from '../src/config/load-config.js';
import { ExitCode } from '../src/exit-codes.js';
import { SqliteStateStore } from '../src/state/sqlite-state-store.js';
import { baseConfigInput } from './helpers/config.js';

const dir = () => mkdtempSync(join(tmpdir(), 'kc-cli-'));
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = join(packageRoot, 'dist/cli.js');

function feedXml(prices: number[]): string {
  return renderPriceList({
    company: 'Shop',
    merchantId: '123',
    date: new Date('2026-11-26T00:00:00Z'),
    offers: prices.map((price, i) => ({
      sku: `AS${i + 1}`,
      model: `M${i}`,
      brand: 'B',
      availabilities: [{ storeId: 'PP1', available: true, stockCount: 1 }],
      price,
    })),
  }).xml;
}

async function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd,
      env: { PATH: process.env.PATH, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('init', () => {
  it('writes a starter config that names what to fill in, and never overwrites .env', async () => {
    const cwd = dir();
    const first = await initProject({ cwd });
    expect(first.written.map((p) => p.split('/').pop())).toEqual([
      'kaspi-connect.config.ts',
      '.env',
    ]);
    const starter = readFileSync(join(cwd, 'kaspi-connect.config.ts'), 'utf8');
    expect(starter).toContain("timezone: 'Asia/Almaty'");
    // A FEED_PASSWORD in .env must never serve openly: the user name is active.
    expect(starter).toMatch(/^ {4}username: 'kaspi',$/m);
    expect(starter).toContain("allocation: 'first'");
    // The starter loads outside any project (its import is type-only) and is valid except the
    // placeholder shop id, which must be replaced.
    const error = await loadConfig({ cwd, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.key)).toEqual(['shop.merchantId']);

    writeFileSync(join(cwd, '.env'), 'ALSTYLE_TOKEN=keep-me\n');
    const second = await initProject({ cwd, force: true });
    expect(second.kept.map((p) => p.split('/').pop())).toEqual(['.env']);
    expect(readFileSync(join(cwd, '.env'), 'utf8')).toBe('ALSTYLE_TOKEN=keep-me\n');
  });
});

describe('validate and diff', () => {
  it('accepts a valid feed and reports every rule a bad one breaks', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'good.xml'), feedXml([100, 200]));
    expect(await validateFile(join(cwd, 'good.xml'))).toMatchObject({
      valid: true,
      offers: 2,
      errorCount: 0,
    });
    writeFileSync(join(cwd, 'sku.xml'), feedXml([100, 200]).replace('sku="AS1"', 'sku="AS-1 /x"'));
    const badSku = await validateFile(join(cwd, 'sku.xml'));
    expect(badSku).toMatchObject({ valid: false, offers: 2, errorCount: 1 });
    expect(badSku.issues[0]).toMatchObject({ severity: 'error', sku: 'AS-1 /x' });
    expect((await validateFile(join(cwd, 'sku.xml'), 'lenient')).valid).toBe(true);
    writeFileSync(
      join(cwd, 'price.xml'),
      feedXml([100, 200]).replace('<price>200</price>', '<price>0</price>'),
    );
    const badPrice = await validateFile(join(cwd, 'price.xml'));
    expect(badPrice.valid).toBe(false);
    expect(badPrice.issues.some((issue) => issue.rule.startsWith('price'))).toBe(true);
    writeFileSync(join(cwd, 'broken.xml'), '<kaspi_catalog><offers>');
    expect((await validateFile(join(cwd, 'broken.xml'))).parseError).toBeDefined();
    expect((await validateFile(join(cwd, 'missing.xml'))).parseError).toMatch(/ENOENT/);
  });

  it('diffs two feeds by SKU', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'a.xml'), feedXml([100, 200, 300]));
    writeFileSync(join(cwd, 'b.xml'), feedXml([100, 250]));
    expect(await diffFiles(join(cwd, 'a.xml'), join(cwd, 'b.xml'))).toMatchObject({
      before: 3,
      after: 2,
      removed: 1,
      priceChanged: 1,
      unchanged: 1,
    });
  });
});

describe('status', () => {
  it('flags a refused or failed last run and a missing feed', () => {
    const store = new SqliteStateStore(':memory:');
    expect(readStatus(store).attention).toEqual(['no feed has been published yet']);
    const id = store.beginRun('full');
    store.finishRun(id, {
      status: 'refused',
      exitCode: ExitCode.Refused,
      summary: {
        mode: 'full',
        supplierProducts: 0,
        offers: 0,
        available: 0,
        unavailable: 0,
        retained: 0,
        retired: 0,
        skipped: {},
        conflicts: [],
        refusals: ['the supplier returned no products'],
        timingsMs: {},
      },
    });
    expect(readStatus(store).attention[0]).toMatch(
      /refused by the safety guards: the supplier returned no products/,
    );
    store.close();
  });
});

describe.skipIf(!existsSync(bin))('kaspi-connect binary exit codes', () => {
  it('exits 2 with the config error when there is no config or no token', async () => {
    const cwd = dir();
    const none = await cli(['sync'], cwd);
    expect(none.code).toBe(ExitCode.Config);
    expect(none.stderr).toMatch(/kaspi-connect init/);
    writeFileSync(join(cwd, 'kaspi-connect.config.json'), JSON.stringify(baseConfigInput));
    const noToken = await cli(['sync', '--dry-run'], cwd);
    expect(noToken.code).toBe(ExitCode.Config);
    expect(noToken.stderr).toMatch(/ALSTYLE_TOKEN/);
    expect((await cli(['sync', '--full', '--refresh'], cwd)).code).toBe(ExitCode.Config);
  });

  it('exits 4 for an invalid feed and 0 for a valid one', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'good.xml'), feedXml([100]));
    writeFileSync(join(cwd, 'bad.xml'), feedXml([100]).replace('sku="AS1"', 'sku="A-1"'));
    expect((await cli(['validate', 'good.xml'], cwd)).code).toBe(ExitCode.Ok);
    const bad = await cli(['validate', 'bad.xml'], cwd);
    expect(bad.code).toBe(ExitCode.Invalid);
    expect(bad.stdout).toMatch(/1 errors/);
  });

  it('status prints JSON when piped', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'kaspi-connect.config.json'), JSON.stringify(baseConfigInput));
    const status = await cli(['status'], cwd);
    expect(status.code).toBe(ExitCode.Ok);
    expect(JSON.parse(status.stdout)).toMatchObject({
      liveSkus: 0,
      attention: ['no feed has been published yet'],
    });
  });

  it('runs the demo with no token and no network, logging JSON when piped', async () => {
    const cwd = dir();
    const demo = await cli(['demo', '--products', '600', '--dir', cwd], cwd);
    expect(demo.code).toBe(ExitCode.Ok);
    expect(demo.stdout).toMatch(/Kaspi loaded\s+loaded: \d+ offers accepted, 0 rejected/);
    expect(demo.stdout).toMatch(
      /Cards\s+3 supplier categories mapped.*\n.*1 import → \d+ finished, 1 rejected/,
    );
    const logLines = demo.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(logLines.some((line) => line.msg.startsWith('published'))).toBe(true);
    expect(existsSync(join(cwd, 'feed', 'kaspi.xml'))).toBe(true);
  });
});

describe.skipIf(!existsSync(bin))('kaspi-connect serve and signals', () => {
  it('serves the feed, warns that it is open, and exits 130 on SIGTERM as documented', async () => {
    const cwd = dir();
    writeFileSync(
      join(cwd, 'kaspi-connect.config.json'),
      JSON.stringify({ ...baseConfigInput, server: { port: 0 } }),
    );
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, 'serve', '--json'], {
      cwd,
      env: { PATH: process.env.PATH },
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /"url":"([^"]+)"/.exec(stderr);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    expect((await fetch(url)).status).toBe(503);
    const exit = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exit).toBe(ExitCode.Interrupted);
    expect(stderr).toContain('WITHOUT auth');
  });
});
