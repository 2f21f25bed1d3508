import { describe, expect, it } from 'vitest';
import { attributeName, mapAttributes } from '../../src/cards/attributes.js';
import type { KaspiAttribute } from '../../src/cards/kaspi-classification.js';
import { booleanIn, normaliseName, normaliseValue, numberIn } from '../../src/cards/normalise.js';

const values = (...names: string[]) => names.map((n) => ({ code: n, name: n }));
const ATTRS: KaspiAttribute[] = [
  {
    code: 'Notebooks*Color',
    type: 'enum',
    multiValued: false,
    mandatory: true,
    values: values('черный', 'белый'),
  },
  {
    code: 'Notebooks*Screen size',
    type: 'enum',
    multiValued: false,
    mandatory: true,
    values: values('14"', '15.6"'),
  },
  {
    code: 'Notebooks*RAM',
    type: 'enum',
    multiValued: false,
    mandatory: false,
    values: values('8 ГБ', '16 ГБ'),
  },
  {
    code: 'Notebooks*Ports',
    type: 'enum',
    multiValued: true,
    mandatory: false,
    values: values('USB Type-A', 'USB Type-C', 'HDMI'),
  },
  { code: 'Notebooks*Weight', type: 'number', multiValued: false, mandatory: false, values: [] },
  {
    code: 'Notebooks*Backlight',
    type: 'boolean',
    multiValued: false,
    mandatory: false,
    values: [],
  },
  { code: 'Notebooks*Processor', type: 'string', multiValued: false, mandatory: false, values: [] },
];
const rules = {
  attributes: {
    Color: 'Цвет',
    'Notebooks*Screen size': ['Диагональ', 'Экран'],
    RAM: 'ОЗУ',
    Ports: 'Разъёмы',
  },
  fixedValues: {},
};

describe('normalisation', () => {
  it('matches case, ё, spaces, decimal commas and units', () => {
    expect(normaliseValue('Чёрный ')).toBe(normaliseValue('черный'));
    expect(normaliseValue('15,6 дюйма')).toBe(normaliseValue('15.6"'));
    expect(normaliseValue('16 Гб')).toBe(normaliseValue('16 ГБ'));
    expect(normaliseValue('16GB')).toBe(normaliseValue('16 ГБ'));
    expect(normaliseValue('16 ГБ')).not.toBe(normaliseValue('16 ТБ'));
    expect(normaliseName('Разъёмы:')).toBe(normaliseName('разъемы'));
    expect(numberIn('2,2 ГГц')).toBe(2.2);
    expect(numberIn('1 500 г')).toBe(1500);
    expect(numberIn('нет')).toBeUndefined();
    expect(booleanIn('Есть')).toBe(true);
    expect(booleanIn('Нет')).toBe(false);
    expect(booleanIn('может быть')).toBeUndefined();
    expect(attributeName('Master*Notebooks*Color')).toBe('Color');
  });
});

describe('attribute mapping', () => {
  it('maps properties by config and by name, sending Kaspi value codes', () => {
    const result = mapAttributes(
      ATTRS,
      {
        Цвет: 'Чёрный',
        Экран: '15,6 дюйма',
        ОЗУ: '16 Гб',
        Разъёмы: 'USB Type-C, HDMI, USB Type-C',
        weight: '1,7 кг',
        Backlight: 'да',
        Processor: 'Intel Core i5',
      },
      rules,
    );
    expect(result.problems).toEqual([]);
    expect(result.attributes).toEqual([
      { code: 'Notebooks*Color', value: 'черный' },
      { code: 'Notebooks*Screen size', value: '15.6"' },
      { code: 'Notebooks*RAM', value: '16 ГБ' },
      { code: 'Notebooks*Ports', value: ['USB Type-C', 'HDMI'] },
      { code: 'Notebooks*Weight', value: 1.7 },
      { code: 'Notebooks*Backlight', value: true },
      { code: 'Notebooks*Processor', value: 'Intel Core i5' },
    ]);
  });

  it('keeps a card out for a mandatory attribute, naming it; optional misses are notes', () => {
    const result = mapAttributes(ATTRS, { Цвет: 'фиолетовый', ОЗУ: '12 ГБ' }, rules);
    expect(result.problems).toEqual([
      `"Color" (Notebooks*Color): "фиолетовый" is not one of Kaspi's values (черный, белый) (from property "Цвет")`,
      'mandatory attribute "Screen size" (Notebooks*Screen size) has no value: map a supplier property to it in cards.attributes or set cards.fixedValues',
    ]);
    expect(result.notes).toEqual([
      `"RAM" (Notebooks*RAM): "12 ГБ" is not one of Kaspi's values (8 ГБ, 16 ГБ) (from property "ОЗУ")`,
    ]);
  });

  it('uses fixed values only when the supplier has none', () => {
    const result = mapAttributes(
      ATTRS.slice(0, 2),
      { Цвет: 'белый' },
      {
        attributes: rules.attributes,
        fixedValues: { Color: 'черный', 'Notebooks*Screen size': '14"' },
      },
    );
    expect(result.attributes).toEqual([
      { code: 'Notebooks*Color', value: 'белый' },
      { code: 'Notebooks*Screen size', value: '14"' },
    ]);
  });

  it('needs at least one attribute', () => {
    expect(mapAttributes(ATTRS.slice(2, 3), {}, rules).problems).toEqual([
      'attributes: none could be filled, and Kaspi needs at least one',
    ]);
  });
});
