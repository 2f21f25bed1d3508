import { describe, expect, it } from 'vitest';
import type { CardSourceProduct } from '../../src/cards/card-source.js';
import { buildDraft, CARD_LIMITS } from '../../src/cards/draft.js';
import { clip, htmlToPlainText, specPairs } from '../../src/cards/html-text.js';

const product = (over: Partial<CardSourceProduct> = {}): CardSourceProduct => ({
  key: '20932',
  name: 'Колонки  Mi Bluetooth Speaker Square Box Чёрный',
  fullName: 'Колонки, Xiaomi, Mi Bluetooth Speaker Square Box, Портативные, Чёрный',
  brand: 'Xiaomi',
  categoryId: '3472',
  detailHtml:
    '<h2>Описание</h2><p>Колонка &laquo;Square Box&raquo; <b>5 Вт</b>.</p><ul><li>Цвет: Чёрный</li><li>Bluetooth: 4.0</li></ul><table><tr><td>Вес</td><td>0,3 кг</td></tr></table><img src="x.jpg">',
  description: undefined,
  images: [
    'http://img.al-style.kz/20932_1.jpg',
    'https://img.al-style.kz/20932_1.jpg',
    'ftp://img.al-style.kz/20932_2.jpg',
    'https://img.al-style.kz/20932_3.jpg',
  ],
  weightKg: 0.31,
  properties: { Артикул: 'FXR4037CN', Цвет: 'чёрный' },
  ...over,
});

describe('card drafts', () => {
  it('reduces detailText HTML to text and reads its Name: value lines', () => {
    const text = htmlToPlainText(product().detailHtml as string);
    expect(text).not.toMatch(/<|&laquo;|x\.jpg/);
    expect(text).toContain('Колонка «Square Box» 5 Вт.');
    expect(specPairs(text)).toEqual({ Цвет: 'Чёрный', Bluetooth: '4.0', Вес: '0,3 кг' });
  });

  it('builds a complete draft: https images once each, weight, SKU, properties', () => {
    const draft = buildDraft(product(), 'AS20932');
    expect(draft.problems).toEqual([]);
    expect(draft.sku).toBe('AS20932');
    expect(draft.title).toBe('Колонки Mi Bluetooth Speaker Square Box Чёрный');
    expect(draft.images).toEqual([
      'https://img.al-style.kz/20932_1.jpg',
      'https://img.al-style.kz/20932_3.jpg',
    ]);
    expect(draft.weight).toBe('0.31');
    expect(draft.descriptionSource).toBe('detailText');
    // Supplier properties win over lines parsed from the text.
    expect(draft.properties).toMatchObject({ Цвет: 'чёрный', Bluetooth: '4.0' });
  });

  it('keeps the description within the schema length, cut at a word', () => {
    const long = `<p>${'слово '.repeat(400)}</p>`;
    const draft = buildDraft(product({ detailHtml: long }), 'AS1');
    expect(draft.description?.length).toBeLessThanOrEqual(CARD_LIMITS.description);
    expect(draft.description?.endsWith('слово…')).toBe(true);
    expect(clip('abc', 10)).toBe('abc');
  });

  it('falls back to the short description, then the long name', () => {
    expect(
      buildDraft(product({ detailHtml: undefined, description: 'Кратко' }), 'AS1'),
    ).toMatchObject({
      description: 'Кратко',
      descriptionSource: 'description',
    });
    expect(buildDraft(product({ detailHtml: undefined }), 'AS1').descriptionSource).toBe(
      'fullName',
    );
  });

  it('says exactly what is missing', () => {
    const draft = buildDraft(
      product({ brand: undefined, images: ['ftp://x/1.jpg'], name: ' ', weightKg: 0 }),
      'AS1',
    );
    expect(draft.weight).toBeUndefined();
    expect(draft.problems).toEqual([
      'title: the supplier product has no name',
      'brand: the supplier gives none; set filters.fallbackBrand or skip the product',
      'images: the supplier has no https-loadable image; Kaspi requires at least one',
    ]);
    expect(
      buildDraft(product({ brand: undefined }), 'AS1', { fallbackBrand: 'Без бренда' }).brand,
    ).toBe('Без бренда');
  });
});
