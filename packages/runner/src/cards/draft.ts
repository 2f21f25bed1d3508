import type { CardSourceProduct } from './card-source.js';
import { clip, htmlToPlainText, specPairs } from './html-text.js';

/** Limits of the guide's import schema that a draft is cut to or checked against. */
export const CARD_LIMITS = {
  title: 1024,
  brand: 256,
  description: 1024,
  imageUrl: 1024,
} as const;

/** A card's supplier-side content, before classification. */
export interface CardDraft {
  readonly sku: string;
  readonly title: string;
  readonly brand: string | undefined;
  readonly description: string | undefined;
  /** Where the description came from. */
  readonly descriptionSource: 'detailText' | 'description' | 'fullName' | undefined;
  /** Unique https URLs, main image first. */
  readonly images: readonly string[];
  /** Kilograms as a decimal string, when known. */
  readonly weight: string | undefined;
  /** Supplier properties plus the `Name: value` lines of its specifications. */
  readonly properties: Readonly<Record<string, string | number>>;
  /** What is missing, each naming the field and what to do. */
  readonly problems: readonly string[];
}

/** Options of `buildDraft`. */
export interface DraftOptions {
  /** Brand for products the supplier sends without one (`filters.fallbackBrand`). */
  readonly fallbackBrand?: string | undefined;
}

function httpsImages(urls: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of urls) {
    const url = raw.trim().replace(/^http:\/\//i, 'https://');
    if (!/^https:\/\/[^\s]+$/i.test(url) || url.length > CARD_LIMITS.imageUrl) continue;
    if (!out.includes(url)) out.push(url);
  }
  return out;
}

/** A card draft from supplier data; `problems` lists exactly what keeps it from being complete. */
export function buildDraft(
  product: CardSourceProduct,
  sku: string,
  options: DraftOptions = {},
): CardDraft {
  const problems: string[] = [];
  const title = clip(product.name.replace(/\s+/g, ' ').trim(), CARD_LIMITS.title);
  if (title === '') problems.push('title: the supplier product has no name');
  const brand = (product.brand ?? options.fallbackBrand)?.trim();
  if (brand === undefined || brand === '')
    problems.push('brand: the supplier gives none; set filters.fallbackBrand or skip the product');
  const detail = product.detailHtml === undefined ? '' : htmlToPlainText(product.detailHtml);
  const candidates = [
    ['detailText', detail],
    ['description', product.description === undefined ? '' : htmlToPlainText(product.description)],
    ['fullName', product.fullName.trim()],
  ] as const;
  const picked = candidates.find(([, text]) => text !== '');
  const images = httpsImages(product.images);
  if (images.length === 0)
    problems.push('images: the supplier has no https-loadable image; Kaspi requires at least one');
  const weight =
    product.weightKg !== undefined && Number.isFinite(product.weightKg) && product.weightKg > 0
      ? String(product.weightKg)
      : undefined;
  return {
    sku,
    title,
    brand: brand === undefined || brand === '' ? undefined : clip(brand, CARD_LIMITS.brand),
    description: picked === undefined ? undefined : clip(picked[1], CARD_LIMITS.description),
    descriptionSource: picked?.[0],
    images,
    weight,
    properties: { ...specPairs(detail), ...product.properties },
    problems,
  };
}
