import type { KaspiProductImportItem } from '@kaspi-connect/kaspi-client';
import { createKaspiClient } from '@kaspi-connect/kaspi-client';
import {
  type KaspiSimulator,
  SIM_CATEGORIES,
  SIM_IMPORT_SCHEMA,
  startKaspiSimulator,
} from '@kaspi-connect/kaspi-client/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CardStore } from '../../src/cards/card-store.js';
import { kaspiCategoryFor, suggestCategories } from '../../src/cards/classify.js';
import { KaspiClassification } from '../../src/cards/kaspi-classification.js';
import { categoryReport } from '../../src/cards/unmapped-categories.js';
import { createCardValidator } from '../../src/cards/validate.js';

const CATEGORIES = SIM_CATEGORIES.map(({ code, title }) => ({ code, title }));

describe('classification', () => {
  it('looks mapped categories up in the config table', () => {
    expect(kaspiCategoryFor('3472', { '3472': 'Master - Portable speakers' })).toBe(
      'Master - Portable speakers',
    );
    expect(kaspiCategoryFor('1', {})).toBeUndefined();
    expect(kaspiCategoryFor(undefined, {})).toBeUndefined();
  });

  it.each([
    ['Периферия / Мыши', ['Мышь A4Tech OP-720', 'Мышь Logitech M90'], 'Master - Mice'],
    ['Компьютеры / Ноутбуки', ['Ноутбук HP 250 G9'], 'Master - Notebooks'],
    ['Аудио / Колонки портативные', ['Колонки Mi Square Box'], 'Master - Portable speakers'],
    ['Хранение данных / 2.1', ['SSD Kingston A400 480GB', 'SSD Samsung 870'], 'Master - SSD'],
    ['Сети / 3.2', ['Роутер TP-Link Archer C6'], 'Master - Routers'],
  ])('ranks the right Kaspi category first for %s', (name, productNames, expected) => {
    const ranked = suggestCategories({ id: '1', name, productNames }, CATEGORIES);
    expect(ranked[0]?.code).toBe(expected);
    expect(ranked.map((r) => r.score)).toEqual(
      [...ranked.map((r) => r.score)].sort((a, b) => b - a),
    );
  });

  it('reports mapped, wrongly mapped and unmapped supplier categories', () => {
    const report = categoryReport(
      [
        { supplier: 'a', key: '1', name: 'Мышь X', category: '10', prices: {}, stock: undefined },
        { supplier: 'a', key: '2', name: 'Мышь Y', category: '10', prices: {}, stock: undefined },
        {
          supplier: 'a',
          key: '3',
          name: 'Планшет Z',
          category: '11',
          prices: {},
          stock: undefined,
        },
        { supplier: 'a', key: '4', name: 'Что-то', category: '12', prices: {}, stock: undefined },
      ],
      new Map([
        ['10', 'Периферия / Мыши'],
        ['11', 'Планшеты'],
      ]),
      { '11': 'Master - Tablets', '12': 'Master - Tablet' },
      CATEGORIES,
    );
    expect(report.mapped).toEqual([
      {
        categoryId: '11',
        name: 'Планшеты',
        products: 1,
        kaspiCategory: 'Master - Tablets',
        known: true,
      },
      { categoryId: '12', name: '12', products: 1, kaspiCategory: 'Master - Tablet', known: false },
    ]);
    expect(report.unmapped[0]).toMatchObject({ categoryId: '10', products: 2 });
    expect(report.unmapped[0]?.suggestions[0]?.code).toBe('Master - Mice');
  });
});

const card = (over: Record<string, unknown> = {}) =>
  ({
    sku: 'AS1',
    title: 'G102',
    brand: 'Logitech',
    category: 'Master - Mice',
    attributes: [{ code: 'Mice*Color', value: 'черный' }],
    images: [{ url: 'https://img.example.kz/1.jpg' }],
    ...over,
  }) as KaspiProductImportItem;

describe('validation against the served draft-04 schema', () => {
  const validate = createCardValidator(SIM_IMPORT_SCHEMA);

  it('passes a valid card', () => {
    expect(validate(card())).toEqual([]);
  });

  it('names what is wrong, by path', () => {
    const problems = validate(
      card({ category: 'Мыши', extra: 1, images: [], title: 'x'.repeat(1025) }),
    );
    expect(problems.some((p) => p.startsWith('schema: category must match pattern'))).toBe(true);
    expect(problems.some((p) => p.includes('must NOT have additional properties'))).toBe(true);
    expect(problems.some((p) => p.startsWith('schema: images must NOT have fewer than 1'))).toBe(
      true,
    );
    expect(problems.some((p) => p.startsWith('schema: title must NOT have more than 1024'))).toBe(
      true,
    );
  });

  it('applies the guide limits even when the served schema is looser', () => {
    const loose = createCardValidator({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'array',
    });
    expect(loose(card({ images: [{ url: 'ftp://x' }] }))[0]).toMatch(
      /^guide limit: images\.0\.url/,
    );
  });
});

describe('cached classification data', () => {
  let sim: KaspiSimulator;
  afterEach(() => sim.close());

  it('asks Kaspi once per category while the cache is fresh', async () => {
    sim = await startKaspiSimulator();
    let now = 1_000_000;
    const store = new CardStore(':memory:', { now: () => now });
    const kaspi = createKaspiClient({ token: sim.token, baseUrl: sim.url, rateLimit: false });
    const classification = new KaspiClassification(kaspi, store, 60_000);
    const attrs = await classification.attributes('Master - Mice');
    expect(attrs.find((a) => a.code === 'Mice*Color')).toMatchObject({
      mandatory: true,
      type: 'enum',
    });
    expect(attrs.find((a) => a.code === 'Mice*Color')?.values.map((v) => v.code)).toContain(
      'черный',
    );
    const requests = sim.requests.length;
    await classification.attributes('Master - Mice');
    expect(sim.requests.length).toBe(requests);
    now += 61_000;
    await classification.attributes('Master - Mice');
    expect(sim.requests.length).toBeGreaterThan(requests);
    store.close();
  });
});
