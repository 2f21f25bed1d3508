import { KaspiError, type KaspiProductImportItem } from '@kaspi-connect/kaspi-client';
import { skuFor } from '../mapping/sku.js';
import type { SupplierProduct } from '../supplier/supplier.js';
import { type AttributeRules, mapAttributes } from './attributes.js';
import type { CardSource } from './card-source.js';
import type { CardStore } from './card-store.js';
import { kaspiCategoryFor } from './classify.js';
import { buildDraft } from './draft.js';
import type { CardEventHandler } from './events.js';
import type { KaspiAttribute, KaspiClassification } from './kaspi-classification.js';
import { createCardValidator } from './validate.js';

/**
 * Which products need a card: the seller's choice, because Kaspi's API cannot say which products
 * it already has. Filters combine with AND; at least one must be given.
 */
export interface CardSelection {
  /** Exactly these SKUs. */
  readonly skus?: readonly string[] | undefined;
  /** Supplier category ids. */
  readonly categories?: readonly string[] | undefined;
  /** Brand names (case-insensitive). */
  readonly brands?: readonly string[] | undefined;
  /** Every selected product never imported before (no card row yet, or still a draft). */
  readonly neverImported?: boolean | undefined;
}

/** What building drafts needs. */
export interface PrepareDependencies {
  readonly source: CardSource;
  readonly store: CardStore;
  readonly classification: KaspiClassification;
  /** The supplier's last catalogue (from the last full sync). */
  readonly catalogue: readonly SupplierProduct[];
  readonly skuPrefix: string;
  readonly categories: Readonly<Record<string, string>>;
  readonly rules: AttributeRules;
  readonly fallbackBrand?: string | undefined;
  readonly onEvent?: CardEventHandler | undefined;
}

/** Outcome of `prepareCards`. */
export interface PrepareSummary {
  readonly selected: number;
  readonly ready: number;
  /** The SKUs that are `ready` after this run (what a submit may send). */
  readonly readySkus: readonly string[];
  readonly drafts: number;
  readonly skipped: ReadonlyArray<{ readonly sku: string; readonly reason: string }>;
}

/** `true` when a selection names at least one criterion. */
export function hasSelection(selection: CardSelection): boolean {
  return (
    (selection.skus?.length ?? 0) > 0 ||
    (selection.categories?.length ?? 0) > 0 ||
    (selection.brands?.length ?? 0) > 0 ||
    selection.neverImported === true
  );
}

function select(
  deps: PrepareDependencies,
  selection: CardSelection,
): {
  picked: Array<{ sku: string; product: SupplierProduct }>;
  skipped: PrepareSummary['skipped'];
} {
  const skus = selection.skus === undefined ? undefined : new Set(selection.skus);
  const categories = selection.categories === undefined ? undefined : new Set(selection.categories);
  const brands =
    selection.brands === undefined
      ? undefined
      : new Set(selection.brands.map((b) => b.toLowerCase()));
  const picked: Array<{ sku: string; product: SupplierProduct }> = [];
  const skipped: Array<{ sku: string; reason: string }> = [];
  const found = new Set<string>();
  for (const product of deps.catalogue) {
    const sku = skuFor(product, deps.skuPrefix);
    if (sku === undefined) continue;
    if (skus !== undefined && !skus.has(sku)) continue;
    if (categories !== undefined && !categories.has(product.category ?? '')) continue;
    if (brands !== undefined && !brands.has((product.brand ?? '').toLowerCase())) continue;
    found.add(sku);
    const state = deps.store.get(sku)?.state;
    if (state === 'sending' || state === 'submitted')
      skipped.push({ sku, reason: `in an import that is still open (${state})` });
    else if (state === 'finished')
      skipped.push({ sku, reason: 'Kaspi already finished an import of this card' });
    else if (selection.neverImported === true && state === 'rejected')
      skipped.push({ sku, reason: 'imported before and rejected; name it with --sku to retry' });
    else picked.push({ sku, product });
  }
  for (const sku of skus ?? [])
    if (!found.has(sku))
      skipped.push({ sku, reason: 'not in the last supplier catalogue (run a full sync first?)' });
  return { picked, skipped };
}

/**
 * Builds drafts for the selected products and stores each as `ready` (complete and valid against
 * the served schema) or `draft` (with every problem). Never touches a SKU in an open import.
 */
export async function prepareCards(
  deps: PrepareDependencies,
  selection: CardSelection,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<PrepareSummary> {
  const { picked, skipped } = select(deps, selection);
  for (const s of skipped) deps.onEvent?.({ type: 'cards.skipped', ...s });
  const details = await deps.source.fetchProducts(
    picked.map((p) => p.product.key),
    options,
  );
  const validate = createCardValidator(await deps.classification.schema(options.signal));
  // A category code Kaspi refuses is a config mistake: every card of it says so, the rest go on.
  const refused = new Map<string, string>();
  const attributesOf = async (category: string): Promise<KaspiAttribute[] | string> => {
    const known = refused.get(category);
    if (known !== undefined) return known;
    try {
      return await deps.classification.attributes(category, options.signal);
    } catch (error) {
      if (!KaspiError.isInstance(error) || (error.status !== 400 && error.status !== 404))
        throw error;
      const why = `category: Kaspi refused "${category}" (${error.message}); check cards.categories against "kaspi-connect cards categories"`;
      refused.set(category, why);
      return why;
    }
  };
  const readySkus: string[] = [];
  let drafts = 0;
  for (const { sku, product } of picked) {
    const detail = details.get(product.key);
    const problems: string[] = [];
    let card: KaspiProductImportItem | undefined;
    const category = kaspiCategoryFor(product.category, deps.categories);
    if (detail === undefined) problems.push('the supplier no longer returns this product');
    else {
      const draft = buildDraft(detail, sku, { fallbackBrand: product.brand ?? deps.fallbackBrand });
      problems.push(...draft.problems);
      if (category === undefined)
        problems.push(
          `category: supplier category ${product.category ?? '(none)'} has no Kaspi category in cards.categories; run "kaspi-connect cards categories" for candidates`,
        );
      else {
        const attrs = await attributesOf(category);
        const mapping =
          typeof attrs === 'string'
            ? { attributes: [], problems: [attrs] }
            : mapAttributes(attrs, draft.properties, deps.rules);
        problems.push(...mapping.problems);
        if (draft.brand !== undefined && draft.images.length > 0) {
          card = {
            sku,
            title: draft.title,
            brand: draft.brand,
            category,
            ...(draft.description === undefined ? {} : { description: draft.description }),
            ...(draft.weight === undefined ? {} : { weight: draft.weight }),
            attributes: [...mapping.attributes],
            images: draft.images.map((url) => ({ url })),
          };
          if (problems.length === 0) problems.push(...validate(card));
        }
      }
    }
    const state = problems.length === 0 ? 'ready' : 'draft';
    const saved = deps.store.saveDraft({
      sku,
      supplier: deps.source.supplier,
      productKey: product.key,
      state,
      category,
      card,
      problems,
    });
    if (!saved) continue;
    if (state === 'ready') readySkus.push(sku);
    else drafts += 1;
    deps.onEvent?.({ type: 'cards.drafted', sku, state, problems });
  }
  return { selected: picked.length, ready: readySkus.length, readySkus, drafts, skipped };
}
