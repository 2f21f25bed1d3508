import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { renderPriceList } from '@kaspi-connect/kaspi-pricelist';
import { describe, expect, it } from 'vitest';
import { diffRows, formatDiff } from '../src/cli/format/diff.js';
import { formatValidation } from '../src/cli/format/validation.js';
import { compareFiles, validateFile } from '../src/commands/validate-file.js';
import { ExitCode } from '../src/exit-codes.js';

const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
async function cli(args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [bin, ...args]);
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

const feeds = fileURLToPath(
  new URL('../../kaspi-pricelist/test/fixtures/real-feeds/', import.meta.url),
);

describe('validate on real feeds', () => {
  it('shows every issue in one pass, with a summary by rule', async () => {
    const result = await validateFile(join(feeds, 'timur_kaspi_price_list.xml'), 'strict');
    expect(result).toMatchObject({ valid: false, offers: 250, errorCount: 409 });
    expect(result.rejected).toHaveLength(250);
    expect(result.issues).toHaveLength(409);
    const text = formatValidation('timur.xml', result, 'strict');
    expect(text.split('\n')[0]).toBe(
      'timur.xml: 250 offers (0 without errors, 250 with errors); 409 errors, 0 warnings in strict mode',
    );
    expect(text).toMatch(/^sku\.duplicate\s+1\s+0$/m);
    expect(text).toMatch(/^availability\.preOrder\.zero\s+250\s+0$/m);
    expect(text.split('\n').filter((l) => l.startsWith('  error'))).toHaveLength(409);
  });

  it('lenient: reads what real feeds live with and keeps counting', async () => {
    const result = await validateFile(join(feeds, 'timur_kaspi_price_list.xml'), 'lenient');
    expect(result).toMatchObject({ valid: false, offers: 250, errorCount: 1, warningCount: 408 });
    expect(result.rejected).toMatchObject([{ sku: 'GR16-1379T', errors: ['sku.duplicate'] }]);
  });

  it("names the offer's place in a one-line file by column and offset", async () => {
    const result = await validateFile(join(feeds, 'seiitkhanr_kaspi_catalog.xml'), 'lenient');
    const issue = result.issues.find((i) => i.rule === 'availability.available.noStock');
    expect(issue?.offset).toBeGreaterThan(1000);
    const text = formatValidation('lg.xml', result, 'lenient');
    expect(text).toContain(
      `availability.available.noStock at line 2:${(issue?.column ?? 0) + 1} @${issue?.offset} sku "${issue?.sku}"`,
    );
  });

  it("refuses Halyk Market's feed and says what it is", async () => {
    const result = await validateFile(join(feeds, 'midor1y_lg_halyk_catalog.xml'), 'lenient');
    expect(result.valid).toBe(false);
    expect(formatValidation('h.xml', result, 'lenient')).toMatch(
      /^h\.xml: refused: the document is Halyk Market's price list/,
    );
  });
});

describe('diff', () => {
  const feed = (offers: Parameters<typeof renderPriceList>[0]['offers']) =>
    renderPriceList({ company: 'S', merchantId: '1', date: 'd', offers }).xml;
  const offer = (sku: string, price: number, stockCount = 1, model = 'Model') => ({
    sku,
    model,
    brand: 'B',
    availabilities: [{ storeId: 'PP1', available: stockCount > 0, stockCount }],
    price,
  });

  it('prints one row per changed SKU with before → after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-diff-'));
    writeFileSync(
      join(dir, 'a.xml'),
      feed([offer('A1', 100), offer('A2', 200, 3), offer('A3', 300), offer('A4', 400)]),
    );
    writeFileSync(
      join(dir, 'b.xml'),
      feed([
        offer('A1', 150),
        offer('A2', 200, 0),
        offer('A4', 400, 1, 'New name'),
        offer('A5', 500),
      ]),
    );
    const diff = await compareFiles(join(dir, 'a.xml'), join(dir, 'b.xml'));
    const rows = Object.fromEntries(diffRows(diff).map((r) => [r.sku, r]));
    expect(rows.A1?.cells.price).toEqual(['100 → 150']);
    expect(rows.A2?.cells.availability).toEqual(['PP1 yes → no']);
    expect(rows.A2?.cells.stock).toEqual(['PP1 3 → 0']);
    expect(rows.A3?.change).toBe('removed');
    expect(rows.A4?.cells.details).toEqual(['model: Model → New name']);
    expect(rows.A5?.change).toBe('added');
    const text = formatDiff(diff);
    expect(text).toMatch(/^sku\s+change\s+price\s+availability\s+stock\s+details$/m);
    expect(text).toMatch(/^A1\s+changed\s+100 → 150$/m);
    expect(text).toContain(
      '4 → 4 offers: 1 added, 1 removed, 1 price, 1 availability, 1 stock, 1 details changed, 0 unchanged',
    );
  });

  it('compares offers with errors as written instead of calling them removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-diff-'));
    writeFileSync(join(dir, 'a.xml'), feed([offer('A1', 100)]));
    writeFileSync(join(dir, 'b.xml'), feed([offer('A1', 100)]).replace('<price>100', '<price>0'));
    const diff = await compareFiles(join(dir, 'a.xml'), join(dir, 'b.xml'));
    expect(diff.summary).toMatchObject({ removed: 0, priceChanged: 1 });
    expect(formatDiff(diff)).toMatch(/^A1\s+changed\s+100 → 0$/m);
  });
});

describe('validate and diff on the command line', () => {
  it('validate --json: every issue and the counts by rule; exit code by the mode', async () => {
    const file = join(feeds, 'conflearning26_kaspi_feed.xml');
    const strict = await cli(['validate', file, '--json']);
    expect(strict.code).toBe(ExitCode.Invalid);
    const json = JSON.parse(strict.stdout) as { offers: number; byRule: Record<string, unknown> };
    expect(json.offers).toBe(222);
    expect(json.byRule['sku.format']).toEqual({ errors: 220, warnings: 0 });
    const lenient = await cli(['validate', file, '--lenient']);
    expect(lenient.code).toBe(ExitCode.Ok);
    expect(lenient.stdout).toMatch(/222 offers \(222 without errors, 0 with errors\); 0 errors/);
    const halyk = await cli(['validate', join(feeds, 'midor1y_lg_halyk_catalog.xml')]);
    expect(halyk.code).toBe(ExitCode.Invalid);
    expect(halyk.stdout).toContain("Halyk Market's price list, not a Kaspi price list");
  });

  it('diff prints the table, and every change with --json', async () => {
    const a = join(feeds, 'timur_kaspi_price_list.xml');
    const b = join(feeds, 'conflearning26_kaspi_feed.xml');
    const table = await cli(['diff', a, b]);
    expect(table.code).toBe(ExitCode.Ok);
    expect(table.stdout).toMatch(/^sku\s+change\s+price/);
    expect(table.stdout).toContain('249 → 222 offers: 222 added, 249 removed');
    const json = await cli(['diff', a, b, '--json']);
    const diff = JSON.parse(json.stdout) as { summary: { removed: number }; added: unknown[] };
    // The duplicate GR16-1379T counts once.
    expect(diff.summary.removed).toBe(249);
    expect(diff.added).toHaveLength(222);
  });
});
