import { ADDITIONAL_FIELDS, ELEMENT_INFO_ONLY_FIELDS } from '../additional-fields.js';
import type { SimulatedProduct } from './catalogue.js';

/** Every field `additional_fields` may name. */
export const ALL_FIELDS = new Set<string>([
  ...ADDITIONAL_FIELDS,
  ...ELEMENT_INFO_ONLY_FIELDS,
  'price1',
  'price2',
  'quantity',
  'article_pn',
]);

/** A comma-separated query value as a list. */
export function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The article as in image file names. */
export function pad5(article: number): string {
  return String(article).padStart(5, '0');
}

/** A boolean query flag. */
export function isTrue(value: string | null): boolean {
  return value === '1' || value === 'true';
}

/** Whether the product has any stock. */
export function inStock(product: SimulatedProduct): boolean {
  return product.quantity !== 0 && product.quantity !== '0';
}

const images = (p: SimulatedProduct) =>
  [1, 2].map((n) => `http://img.al-style.kz/${pad5(p.article)}_${n}.jpg`);
const ADDITIONAL: Readonly<Record<string, (p: SimulatedProduct) => unknown>> = {
  brand: (p) => p.brand,
  images,
  description: (p) => p.full_name,
  weight: (p) => p.weight,
  warranty: () => '12 мес.',
  url: (p) => `https://al-style.kz/catalog/item/${p.article}/`,
  barcode: (p) => p.barcode,
  rrp: () => 1,
  discountPrice: (p) => Math.round(p.price2 * 0.95),
  discount: () => 5,
  multiplicity: (p) => p.multiplicity,
  detailText: (p) => p.detailText,
  properties: (p) => ({ Артикул: p.article_pn, Код: p.article, 'Базовая единица': 'шт' }),
  warehouse: () => 'panfilov',
  warehouses: (p) => ({ panfilov: p.quantity }),
  tnved: () => '8471300000',
  certificates: () => [],
  instructions: () => [],
  marketplaceArticles: () => [],
};

/** The product as the API answers it, with the asked additional fields. */
export function toApiProduct(product: SimulatedProduct, fields: readonly string[]): unknown {
  // The API's own fields; the others only feed the additional fields.
  const { brandId, brand, weight, barcode, multiplicity, detailText, quirk, ...own } = product;
  const out: Record<string, unknown> = own;
  for (const field of fields) {
    if (field === 'detailText' && product.detailText === null) continue;
    if (!(field in out)) out[field] = ADDITIONAL[field]?.(product) ?? null;
  }
  return out;
}
