import type { SupplierProduct } from '../supplier/supplier.js';
import {
  type CategorySuggestion,
  createCategorySuggester,
  type KaspiCategory,
} from './classify.js';

/** A supplier category missing from `cards.categories`, with ranked Kaspi candidates. */
export interface UnmappedCategory {
  readonly categoryId: string;
  readonly name: string;
  readonly products: number;
  readonly suggestions: readonly CategorySuggestion[];
}

/** Every supplier category of the catalogue: mapped ones with their code, unmapped ones with candidates. */
export interface CategoryReport {
  readonly mapped: ReadonlyArray<{
    readonly categoryId: string;
    readonly name: string;
    readonly products: number;
    readonly kaspiCategory: string;
    /** `false` when Kaspi's list has no such leaf: the mapping needs fixing. */
    readonly known: boolean;
  }>;
  readonly unmapped: readonly UnmappedCategory[];
}

/** Groups the catalogue by supplier category and suggests Kaspi categories for the unmapped ones. */
export function categoryReport(
  catalogue: readonly SupplierProduct[],
  names: ReadonlyMap<string, string>,
  table: Readonly<Record<string, string>>,
  kaspiCategories: readonly KaspiCategory[],
  limit = 5,
): CategoryReport {
  const groups = new Map<string, string[]>();
  for (const p of catalogue) {
    const id = p.category ?? '';
    if (id === '') continue;
    const list = groups.get(id) ?? [];
    list.push(p.name);
    groups.set(id, list);
  }
  const codes = new Set(kaspiCategories.map((c) => c.code));
  const suggest = createCategorySuggester(kaspiCategories);
  const mapped: CategoryReport['mapped'][number][] = [];
  const unmapped: UnmappedCategory[] = [];
  for (const [categoryId, productNames] of [...groups.entries()].sort(
    (a, b) => b[1].length - a[1].length,
  )) {
    const name = names.get(categoryId) ?? categoryId;
    const kaspiCategory = table[categoryId];
    if (kaspiCategory !== undefined) {
      mapped.push({
        categoryId,
        name,
        products: productNames.length,
        kaspiCategory,
        known: codes.has(kaspiCategory),
      });
      continue;
    }
    unmapped.push({
      categoryId,
      name,
      products: productNames.length,
      suggestions: suggest(
        { id: categoryId, name, productNames: productNames.slice(0, 200) },
        limit,
      ),
    });
  }
  return { mapped, unmapped };
}
