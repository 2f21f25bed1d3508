import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KaspiProductImportItem } from '../src/index.js';
import {
  checkImportItem,
  type KaspiSimulator,
  SIM_CATEGORIES,
  startKaspiSimulator,
} from '../src/testing/index.js';
import { clientFor } from './sim-helpers.js';

let sim: KaspiSimulator;
let client: ReturnType<typeof clientFor>;
beforeEach(async () => {
  sim = await startKaspiSimulator({
    importRules: { existingCards: [{ brand: 'Logitech', title: 'M185 Grey' }] },
  });
  client = clientFor(sim);
});
afterEach(() => sim.close());

const mouse = (over: Partial<KaspiProductImportItem> = {}): KaspiProductImportItem => ({
  sku: 'AS100',
  title: 'G102 Lightsync',
  brand: 'Logitech',
  category: 'Master - Mice',
  attributes: [
    { code: 'Mice*Color', value: 'черный' },
    { code: 'Mice*DPI', value: 8000 },
  ],
  images: [{ url: 'https://img.example.kz/00100_1.jpg' }],
  ...over,
});

describe('simulated classification', () => {
  it('serves dozens of leaf categories with typed attributes and enum values', async () => {
    const categories = await client.listCategories();
    expect(categories.length).toBeGreaterThanOrEqual(30);
    expect(categories.every((c) => /^Master ?-[a-zA-Z_\s\d-]+$/.test(c.code))).toBe(true);
    const attrs = await client.getCategoryAttributes('Master - Routers');
    expect(attrs).toContainEqual({
      code: 'Routers*Wi-Fi standard',
      type: 'enum',
      multiValued: true,
      mandatory: true,
    });
    const values = await client.getAttributeValues('Master - Routers', 'Routers*Wi-Fi standard');
    expect(values.map((v) => v.code)).toContain('802.11ax');
    await expect(client.getCategoryAttributes('Master - Nope')).rejects.toThrow();
    expect(SIM_CATEGORIES.every((c) => c.attributes.length > 0)).toBe(true);
  });

  it('serves a draft-04 schema with the guide limits', async () => {
    const schema = await client.getImportSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(schema).toMatchObject({ maxItems: 10000, items: { additionalProperties: false } });
  });
});

describe('simulated import', () => {
  it('answers per SKU: finished cards, and rejections with reasons', async () => {
    const cards = [
      mouse(),
      mouse({ sku: 'AS101', title: 'M185 Grey' }),
      mouse({ sku: 'AS102', attributes: [{ code: 'Mice*DPI', value: 800 }] }),
      mouse({ sku: 'AS103', attributes: [{ code: 'Mice*Color', value: 'фиолетовый' }] }),
      mouse({ sku: 'AS104', images: [{ url: 'https://img.example.kz/page.html' }] }),
      mouse({ sku: 'AS105', category: 'Master - Keyboardz' }),
    ];
    const upload = await client.importProducts(cards);
    expect(upload.status).toBe('UPLOADED');
    await client.getImportStatus(upload.code);
    expect((await client.getImportStatus(upload.code)).status).toBe('FINISHED');
    const result = await client.getImportResult(upload.code);
    expect(result.total).toBe(6);
    expect(result.errors).toBe(5);
    expect(result.result?.AS100).toEqual({ state: 'FINISHED' });
    const reasons = (sku: string) => JSON.stringify(result.result?.[sku]?.errors);
    expect(reasons('AS101')).toContain('already exists');
    expect(reasons('AS102')).toContain('Mice*Color is mandatory');
    expect(reasons('AS103')).toContain('not in the attribute');
    expect(reasons('AS104')).toContain('not a valid picture');
    expect(reasons('AS105')).toContain('not a leaf category');
    expect(sim.productImports().map((i) => i.skus)).toEqual([cards.map((c) => c.sku)]);
  });

  it('checks types and multi-valued attributes', () => {
    const router = {
      sku: 'R1',
      title: 'Archer C6',
      brand: 'TP-Link',
      category: 'Master - Routers',
      images: [{ url: 'https://x.kz/1.png' }],
    };
    expect(
      checkImportItem({
        ...router,
        attributes: [{ code: 'Routers*Wi-Fi standard', value: ['802.11n', '802.11ac'] }],
      }),
    ).toEqual([]);
    expect(
      checkImportItem({
        ...router,
        attributes: [
          { code: 'Routers*Wi-Fi standard', value: ['802.11n'] },
          { code: 'Routers*LAN ports', value: '4' },
          { code: 'Routers*Color', value: ['черный'] },
        ],
      }),
    ).toEqual(['Routers*Color takes one value', 'Routers*LAN ports must be a number']);
  });
});
