import { createRandom, type Random } from '@kaspi-connect/sim-kit';
import type { components } from '../generated/alstyle-api.generated.js';

/** A product as the simulator stores it: the API's raw fields plus data for additional fields. */
export interface SimulatedProduct {
  article: number;
  article_pn: string;
  name: string;
  full_name: string;
  category: number;
  sort: number;
  price1: number;
  price2: number;
  quantity: number | string;
  isnew: 0 | 1;
  brandId: string;
  brand: string;
  weight: number;
  barcode: string;
  multiplicity: number | null;
  detailText: string | null;
  /** Which quirk this product carries, if any (for test assertions). */
  quirk: CatalogueQuirk | null;
}

/** The quirks of the real catalogue the simulator reproduces. */
export type CatalogueQuirk =
  | 'stock->50'
  | 'stock->100'
  | 'price-on-request'
  | 'placeholder-price'
  | 'empty-part-number'
  | 'special-characters'
  | 'invalid';

/** A category of the generated nested set, as the spec describes it (`elements`: its product count). */
export type SimulatedCategory = components['schemas']['Category'];

/** A generated brand, as the spec describes it. */
export type SimulatedBrand = components['schemas']['Brand'];

/** The whole generated catalogue. */
export interface SimulatedCatalogue {
  readonly products: SimulatedProduct[];
  readonly categories: SimulatedCategory[];
  readonly brands: SimulatedBrand[];
}

/** Options of `generateCatalogue`. */
export interface CatalogueOptions {
  /** Number of products. Default 1000. */
  readonly size?: number | undefined;
  /** PRNG seed: the same seed gives the same catalogue. Default 1. */
  readonly seed?: number;
  /** Share of products with a quirk (`">50"`, price 1, 9 999 999, empty part number, `& < > " '` and emoji names), 0–1. Default 0.1. */
  readonly quirkShare?: number;
  /** Products that break the documented schema (unreadable stock), to exercise skip-and-report. Default 0. */
  readonly invalidProducts?: number;
}

const TYPES = [
  'Ноутбук',
  'Монитор',
  'Клавиатура',
  'Мышь',
  'Колонки',
  'Планшет',
  'Смартфон',
  'Роутер',
  'SSD',
  'Кабель',
];
const COLOURS = ['Чёрный', 'Белый', 'Серый', 'Синий', 'Зелёный', 'Красный'];
const BRAND_NAMES = [
  'Xiaomi',
  'Deepcool',
  'A4Tech',
  'A&P',
  'Aerocool',
  '70mai',
  '90GO',
  'Redmi',
  'Logitech',
  'Samsung',
  'HP',
  'Lenovo',
  'ASUS',
  'Acer',
  'TP-Link',
  'Kingston',
  'SVEN',
  'Defender',
  'Canon',
  'Epson',
  'Ритмикс',
  'Эра',
  'Zalman',
  'Gembird',
  'Hoco',
  'Baseus',
  'Ugreen',
  'Philips',
  'Sony',
  '',
];
const CATEGORY_NAMES = [
  'Компьютеры',
  'Периферия',
  'Мобильные телефоны и аксессуары',
  'Сети',
  'Аудио',
  'Хранение данных',
];
const SPECIAL_NAMES = [
  'Кабель "USB-C" & <Lightning> 1м 🔌',
  "Мышь O'Neil <Pro> & Co ⚡",
  'Колонки "Бум" 🎵 & <бас>',
];

type Quirk = (product: SimulatedProduct, random: Random) => Partial<SimulatedProduct>;
/** What each quirk does to a product; drawn from in this order, so a seed keeps its catalogue. */
const QUIRKS: Readonly<Record<Exclude<CatalogueQuirk, 'invalid'>, Quirk>> = {
  'stock->50': () => ({ quantity: '>50' }),
  'stock->100': () => ({ quantity: '>100' }),
  'price-on-request': () => ({ price1: 1, price2: 1 }),
  'placeholder-price': () => ({ price1: 9_999_999, price2: 9_999_999 }),
  'empty-part-number': () => ({ article_pn: '' }),
  'special-characters': (product, random) => {
    const name = random.pick(SPECIAL_NAMES);
    return { name, full_name: `${name}, ${product.full_name}` };
  },
};
const QUIRK_NAMES = Object.keys(QUIRKS) as (keyof typeof QUIRKS)[];

function guid(random: Random): string {
  const hex = (n: number): string =>
    Array.from({ length: n }, () => random.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
}

function buildCategories(): SimulatedCategory[] {
  const out: SimulatedCategory[] = [];
  let counter = 1;
  let nextId = 3000;
  const add = (name: string, level: number, depthLeft: number): SimulatedCategory => {
    const node: SimulatedCategory = {
      id: nextId++,
      name,
      left: counter++,
      right: 0,
      level,
      elements: 0,
    };
    out.push(node);
    if (depthLeft > 0) {
      for (let i = 1; i <= 3; i++) add(`${name} / ${level + 1}.${i}`, level + 1, depthLeft - 1);
    }
    node.right = counter++;
    return node;
  };
  for (const name of CATEGORY_NAMES) add(name, 1, 2);
  return out;
}

/** Generates a deterministic catalogue with the real API's quirks. */
export function generateCatalogue(options: CatalogueOptions = {}): SimulatedCatalogue {
  const size = options.size ?? 1000;
  const random = createRandom(options.seed ?? 1);
  const quirkShare = options.quirkShare ?? 0.1;
  const categories = buildCategories();
  const leaves = categories.filter((c) => c.right === c.left + 1);
  const brands: SimulatedBrand[] = BRAND_NAMES.map((name) => ({
    id: guid(random),
    name,
    count: 0,
  }));
  const products: SimulatedProduct[] = [];
  let article = 10_000;
  for (let i = 0; i < size; i++) {
    article += random.int(1, 3);
    const brand = random.pick(brands);
    const category = random.pick(leaves);
    const type = random.pick(TYPES);
    const colour = random.pick(COLOURS);
    const model = `${String.fromCharCode(65 + random.int(0, 25))}${random.int(100, 9999)}`;
    const price1 = random.int(5, 50_000) * 10;
    const product: SimulatedProduct = {
      article,
      article_pn: `${model}-${random.int(10, 99)}/${colour.slice(0, 2).toUpperCase()}`,
      name: `${type} ${brand.name || 'NoName'} ${model} ${colour}`,
      full_name: `${type}, ${brand.name || 'NoName'}, ${model}, ${colour}`,
      category: category.id,
      sort: random.int(0, 3) === 0 ? random.int(1, 500) : 0,
      price1,
      price2: Math.round((price1 * 1.25) / 10) * 10,
      quantity: random.int(0, 3) === 0 ? 0 : random.int(1, 49),
      isnew: random.int(0, 9) === 0 ? 1 : 0,
      brandId: brand.id,
      brand: brand.name,
      weight: random.int(50, 20_000) / 1000,
      barcode: String(random.int(1_000_000, 9_999_999)) + String(random.int(100_000, 999_999)),
      multiplicity: random.int(0, 19) === 0 ? random.pick([2, 5, 10]) : null,
      detailText:
        random.next() < 0.15
          ? `<p>${type} <b>${model}</b></p><ul><li>Цвет: ${colour}</li></ul>`
          : null,
      quirk: null,
    };
    if (random.next() < quirkShare) {
      const quirk = random.pick(QUIRK_NAMES);
      Object.assign(product, QUIRKS[quirk](product, random), { quirk });
    }
    brand.count += 1;
    category.elements += 1;
    products.push(product);
  }
  const invalid = Math.min(options.invalidProducts ?? 0, products.length);
  for (let k = 0; k < invalid; k++) {
    const product = products[Math.floor(((k + 0.5) * products.length) / invalid)];
    if (product) {
      product.quantity = 'много';
      product.quirk = 'invalid';
    }
  }
  return { products, categories, brands };
}
