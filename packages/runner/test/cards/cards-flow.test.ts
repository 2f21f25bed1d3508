import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AlStyleSimulator,
  startAlStyleSimulator,
} from '@kaspi-connect/alstyle-client/testing';
import { createKaspiClient } from '@kaspi-connect/kaspi-client';
import { type KaspiSimulator, startKaspiSimulator } from '@kaspi-connect/kaspi-client/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardEvent } from '../../src/cards/events.js';
import {
  type CardsContext,
  openCardsContext,
  runCardsCategories,
  runCardsStatus,
  runCardsSubmit,
} from '../../src/commands/cards.js';
import { openRuntime, type Runtime } from '../../src/commands/runtime.js';
import { parseConfig } from '../../src/config/load-config.js';

const INTERVAL_MS = 5;
const MAPPED = ['Master - Mice', 'Master - Portable speakers', 'Master - Smart watches'];

let alstyle: AlStyleSimulator;
let kaspi: KaspiSimulator;
let dir: string;
const open: Array<{ runtime: Runtime; ctx: CardsContext }> = [];

/** Leaf categories of the simulated supplier; all but the last three are mapped. */
function categoryTable(): Record<string, string> {
  const leaves = alstyle.catalogue.categories.filter((c) => c.right === c.left + 1);
  return Object.fromEntries(
    leaves.slice(0, -3).map((c, i) => [String(c.id), MAPPED[i % MAPPED.length] as string]),
  );
}

function context(cards: Record<string, unknown> = {}): CardsContext {
  const parsed = parseConfig(
    {
      shop: { company: 'Cards', merchantId: kaspi.merchantId, stores: [{ id: 'PP1' }] },
      suppliers: { alstyle: { baseUrl: alstyle.url, intervalMs: INTERVAL_MS, marginMs: 1 } },
      orders: { kaspiBaseUrl: kaspi.url },
      state: { path: 'state.db' },
      cards: {
        categories: categoryTable(),
        attributes: { Color: 'Цвет' },
        pollEverySeconds: 0.01,
        maxWaitMinutes: 0.05,
        ...cards,
      },
    },
    { ALSTYLE_TOKEN: alstyle.token, KASPI_TOKEN: kaspi.token },
  );
  const runtime = openRuntime({ ...parsed, baseDir: dir });
  const ctx = openCardsContext(runtime, {
    kaspi: createKaspiClient({ token: kaspi.token, baseUrl: kaspi.url, rateLimit: false }),
  });
  open.push({ runtime, ctx });
  return ctx;
}

function closeAll(): void {
  for (const { runtime, ctx } of open.splice(0)) {
    ctx.close();
    runtime.close();
  }
}

/** What must become a ready card, computed from the simulator's own catalogue. */
function expectedReady(table: Record<string, string>): string[] {
  return alstyle.catalogue.products
    .filter(
      (p) =>
        table[String(p.category)] !== undefined && p.detailText !== null && p.brand.trim() !== '',
    )
    .map((p) => `AS${p.article}`)
    .sort();
}

beforeEach(async () => {
  alstyle = await startAlStyleSimulator({ catalogueSize: 160, seed: 7, rateLimitMs: INTERVAL_MS });
  const first = alstyle.catalogue.products.find((p) => p.detailText !== null && p.brand !== '');
  kaspi = await startKaspiSimulator({
    // One card Kaspi already has: its import is rejected as a duplicate.
    importRules: {
      existingCards: first === undefined ? [] : [{ brand: first.brand, title: first.name }],
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'kc-cards-'));
  const runtime = openRuntime({
    ...parseConfig(
      {
        shop: { company: 'Cards', merchantId: kaspi.merchantId, stores: [{ id: 'PP1' }] },
        suppliers: { alstyle: {} },
        state: { path: 'state.db' },
      },
      {},
    ),
    baseDir: dir,
  });
  runtime.store.saveCatalogue(
    'alstyle',
    alstyle.catalogue.products.map((p) => ({
      supplier: 'alstyle',
      key: String(p.article),
      name: p.name,
      brand: p.brand || undefined,
      category: String(p.category),
      prices: { dealer: p.price1, retail: p.price2 },
      stock: { min: 1, exact: true },
    })),
  );
  runtime.close();
});

afterEach(async () => {
  closeAll();
  await alstyle.close();
  await kaspi.close();
});

describe('cards on the simulators', () => {
  it('drafts, suggests categories, validates, imports once and records every SKU', async () => {
    const ctx = context();
    const table = categoryTable();
    const categories = await runCardsCategories(ctx);
    expect(categories.unmapped.length).toBe(3);
    expect(categories.mapped.every((m) => m.known)).toBe(true);
    for (const u of categories.unmapped) expect(u.suggestions.length).toBeGreaterThan(0);

    const summary = await runCardsSubmit(ctx, { neverImported: true });
    const ready = expectedReady(table);
    expect(ready.length).toBeGreaterThan(5);
    expect(summary.prepared?.selected).toBe(alstyle.catalogue.products.length);
    expect(summary.prepared?.ready).toBe(ready.length);
    expect(summary.error).toBeUndefined();

    // One import, carrying exactly the ready cards: the simulator's own record.
    const imports = kaspi.productImports();
    expect(imports).toHaveLength(1);
    expect([...(imports[0]?.skus ?? [])].sort()).toEqual(ready);

    const status = summary.status;
    expect(status.counts.finished).toBe(ready.length - 1);
    expect(status.counts.rejected).toBe(1);
    expect(status.counts.draft).toBe(alstyle.catalogue.products.length - ready.length);
    const rejected = status.cards.find((c) => c.state === 'rejected');
    expect(rejected?.problems.join()).toContain('already exists');
    expect(rejected?.importCode).toBe(imports[0]?.code);
    const drafts = status.cards.filter((c) => c.state === 'draft');
    expect(
      drafts.some((d) => d.problems.some((p) => p.includes('mandatory attribute "Color"'))),
    ).toBe(true);
    expect(drafts.some((d) => d.problems.some((p) => p.includes('cards categories')))).toBe(true);

    // The finished cards are never sent again, even when asked for everything.
    await runCardsSubmit(ctx, { neverImported: true });
    expect(kaspi.productImports()).toHaveLength(1);
  });

  it('a crash between upload and result loses nothing and sends nothing twice', async () => {
    const controller = new AbortController();
    const events: CardEvent[] = [];
    const first = context();
    await expect(
      runCardsSubmit(
        first,
        { neverImported: true },
        {
          signal: controller.signal,
          onEvent: (e) => {
            events.push(e);
            if (e.type === 'cards.import.uploaded') controller.abort(new Error('crash'));
          },
        },
      ),
    ).rejects.toThrow();
    closeAll();
    expect(kaspi.productImports()).toHaveLength(1);

    const second = context();
    const before = await runCardsStatus(second);
    expect(before.openImports).toHaveLength(1);
    expect(before.counts.submitted).toBe(expectedReady(categoryTable()).length);

    const summary = await runCardsSubmit(second, { neverImported: true });
    expect(summary.resumed.finished + summary.tracked.finished).toBe(1);
    expect(kaspi.productImports()).toHaveLength(1);
    expect(summary.status.counts.submitted).toBe(0);
    expect(summary.status.counts.finished + summary.status.counts.rejected).toBe(
      expectedReady(categoryTable()).length,
    );
  });

  it('a lost upload answer keeps its cards out until a person releases them', async () => {
    kaspi.injectFault({
      kind: 'status',
      status: 502,
      method: 'POST',
      path: '/products/import',
      afterHandling: true,
    });
    const ctx = context();
    const summary = await runCardsSubmit(ctx, { neverImported: true });
    expect(summary.error).toBeDefined();
    expect(summary.status.unanswered).toHaveLength(1);
    expect(summary.status.attention[0]).toContain('check the cabinet');
    const stuck = summary.status.counts.sending;
    expect(stuck).toBe(expectedReady(categoryTable()).length);

    const again = await runCardsSubmit(ctx, { neverImported: true });
    expect(kaspi.productImports()).toHaveLength(1);
    expect(again.status.counts.sending).toBe(stuck);

    const released = await runCardsSubmit(ctx, undefined, { releaseUnanswered: true });
    expect(released.released).toBe(1);
    expect(kaspi.productImports()).toHaveLength(2);
    expect(released.status.counts.sending).toBe(0);
  });

  it('a category code Kaspi does not know keeps only its cards out, saying why', async () => {
    const table = categoryTable();
    const [first] = Object.keys(table);
    const ctx = context({ categories: { ...table, [first as string]: 'Master - Nonexistent' } });
    const summary = await runCardsSubmit(ctx, { neverImported: true }, { dryRun: true });
    const wrong = alstyle.catalogue.products.filter((p) => String(p.category) === first);
    const cards = summary.status.cards.filter((c) => wrong.some((p) => `AS${p.article}` === c.sku));
    expect(cards.length).toBe(wrong.length);
    expect(cards.every((c) => c.state === 'draft')).toBe(true);
    expect(cards[0]?.problems.join()).toContain('Kaspi refused "Master - Nonexistent"');
    expect(summary.prepared?.ready).toBeGreaterThan(0);
  });

  it('a dry run validates but sends nothing', async () => {
    const summary = await runCardsSubmit(context(), { neverImported: true }, { dryRun: true });
    expect(summary.prepared?.ready).toBe(expectedReady(categoryTable()).length);
    expect(kaspi.productImports()).toHaveLength(0);
    // Cards a dry run left ready are only sent when a later run chooses them.
    const draft = alstyle.catalogue.products.find((p) => p.detailText === null);
    const other = await runCardsSubmit(context(), { skus: [`AS${draft?.article}`] });
    expect(other.prepared).toMatchObject({ selected: 1, ready: 0, drafts: 1 });
    expect(other.sentImports).toEqual([]);
    expect(kaspi.productImports()).toHaveLength(0);
    expect(
      kaspi.requests.filter((r) => r.path.startsWith('/products/import')).map((r) => r.path),
    ).toEqual(['/products/import/schema']);
  });
});
