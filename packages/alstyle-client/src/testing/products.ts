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
  return value === null || value === ''
    ? []
    : value
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

function additional(product: SimulatedProduct, field: string): unknown {
  switch (field) {
    case 'brand':
      return product.brand;
    case 'images':
      return [1, 2].map((n) => `http://img.al-style.kz/${pad5(product.article)}_${n}.jpg`);
    case 'description':
      return product.full_name;
    case 'weight':
      return product.weight;
    case 'warranty':
      return '12 мес.';
    case 'url':
      return `https://al-style.kz/catalog/item/${product.article}/`;
    case 'barcode':
      return product.barcode;
    case 'rrp':
      return 1;
    case 'discountPrice':
      return Math.round(product.price2 * 0.95);
    case 'discount':
      return 5;
    case 'multiplicity':
      return product.multiplicity;
    case 'detailText':
      return product.detailText;
    case 'properties':
      return { Артикул: product.article_pn, Код: product.article, 'Базовая единица': 'шт' };
    case 'warehouse':
      return 'panfilov';
    case 'warehouses':
      return { panfilov: product.quantity };
    case 'tnved':
      return '8471300000';
    case 'certificates':
    case 'instructions':
    case 'marketplaceArticles':
      return [];
    default:
      return null;
  }
}

/** The product as the API answers it, with the asked additional fields. */
export function toApiProduct(product: SimulatedProduct, fields: readonly string[]): unknown {
  const out: Record<string, unknown> = {
    article: product.article,
    name: product.name,
    full_name: product.full_name,
    category: product.category,
    sort: product.sort,
    price1: product.price1,
    price2: product.price2,
    quantity: product.quantity,
    isnew: product.isnew,
    article_pn: product.article_pn,
  };
  for (const field of fields) {
    if (field === 'detailText' && product.detailText === null) continue;
    if (!(field in out)) out[field] = additional(product, field);
  }
  return out;
}
