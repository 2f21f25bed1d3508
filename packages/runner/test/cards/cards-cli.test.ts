import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import { type KaspiSimulator, startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

describe.skipIf(!existsSync(bin))('kaspi-connect cards (built binary)', () => {
  let alstyle: AlStyleSimulator;
  let kaspi: KaspiSimulator;
  let dir: string;
  let mapped: string;

  const cli = async (args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, [bin, ...args, '--cwd', dir], {
        env: { ...process.env, ALSTYLE_TOKEN: alstyle.token, KASPI_TOKEN: kaspi.token },
      });
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  beforeAll(async () => {
    alstyle = await startAlStyleSimulator({ catalogueSize: 40, seed: 3, rateLimitMs: 5 });
    kaspi = await startKaspiSimulator();
    dir = mkdtempSync(join(tmpdir(), 'kc-cards-cli-'));
    const withDetail = alstyle.catalogue.products.filter((p) => p.detailText !== null && p.brand);
    mapped = String(withDetail[0]?.category);
    writeFileSync(
      join(dir, 'kaspi-connect.config.json'),
      JSON.stringify({
        shop: { company: 'Cards', merchantId: kaspi.merchantId, stores: [{ id: 'PP1' }] },
        suppliers: { alstyle: { baseUrl: alstyle.url, intervalMs: 5, marginMs: 1 } },
        orders: { kaspiBaseUrl: kaspi.url },
        cards: {
          categories: { [mapped]: 'Master - Mice' },
          attributes: { Color: 'Цвет' },
          pollEverySeconds: 0.01,
        },
      }),
    );
    const store = new SqliteStateStore(join(dir, 'kaspi-connect.db'));
    store.saveCatalogue(
      'alstyle',
      alstyle.catalogue.products.map((p) => ({
        supplier: 'alstyle',
        key: String(p.article),
        name: p.name,
        brand: p.brand || undefined,
        category: String(p.category),
        prices: {},
        stock: undefined,
      })),
    );
    store.close();
  });

  afterAll(async () => {
    await alstyle.close();
    await kaspi.close();
  });

  it('refuses to guess which products need a card', async () => {
    const result = await cli(['cards', 'submit']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Kaspi's API cannot say which products it already has");
  });

  it('submits the chosen category and lists every SKU in cards status --json', async () => {
    const submit = await cli(['cards', 'submit', '--category', mapped, '--json']);
    const summary = JSON.parse(submit.stdout) as { sentImports: string[] };
    expect(summary.sentImports).toHaveLength(1);
    expect(kaspi.productImports()).toHaveLength(1);

    const status = await cli(['cards', 'status', '--json']);
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as {
      counts: Record<string, number>;
      cards: Array<{ sku: string; state: string; importCode?: string }>;
    };
    const inCategory = alstyle.catalogue.products.filter((p) => String(p.category) === mapped);
    expect(report.cards).toHaveLength(inCategory.length);
    const finished = report.cards.filter((c) => c.state === 'finished');
    expect(finished.length).toBe(
      inCategory.filter((p) => p.detailText !== null && p.brand !== '').length,
    );
    expect(finished.every((c) => c.importCode === summary.sentImports[0])).toBe(true);
    expect(kaspi.productImports()[0]?.skus).toEqual(finished.map((c) => c.sku));
  });

  it('rejects an unknown state filter', async () => {
    const result = await cli(['cards', 'status', '--state', 'lost']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--state');
  });
});
