import Fuse from 'fuse.js';

/** A Kaspi leaf category as `classification/categories` lists it. */
export interface KaspiCategory {
  readonly code: string;
  readonly title: string;
}

/** A ranked candidate for an unmapped supplier category. */
export interface CategorySuggestion {
  readonly code: string;
  readonly title: string;
  /** 0 (weak) to 1 (exact). */
  readonly score: number;
  /** The supplier word that matched. */
  readonly matched: string;
}

/** What is known about a supplier category: its name path and what its products are called. */
export interface SupplierCategoryInfo {
  readonly id: string;
  /** Name with parents, `"Периферия / Мыши"`; may be just the id when the supplier has no names. */
  readonly name: string;
  /** Names of some of its products (their first word is usually the product type). */
  readonly productNames: readonly string[];
}

/** The Kaspi category code for a supplier category, from the `cards.categories` table. */
export function kaspiCategoryFor(
  categoryId: string | undefined,
  table: Readonly<Record<string, string>>,
): string | undefined {
  return categoryId === undefined ? undefined : table[categoryId];
}

const MIN_SCORE = 0.5;

/** The most common first word of the product names (`"Мышь Logitech M90"` → `"Мышь"`). */
function commonType(names: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const name of names) {
    const word = name.trim().split(/[\s,]+/)[0];
    if (word !== undefined && word.length > 1) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Ranks Kaspi categories for one supplier category (see `createCategorySuggester`). */
export type CategorySuggester = (
  info: SupplierCategoryInfo,
  limit?: number,
) => CategorySuggestion[];

/**
 * Builds one Fuse.js index over Kaspi's titles and codes (once: Kaspi lists thousands) and returns
 * a ranker. Terms: the product type most of the category's products are named by, then its own
 * name and its parents' names; a category's score is its best match over the terms.
 */
export function createCategorySuggester(categories: readonly KaspiCategory[]): CategorySuggester {
  const fuse = new Fuse([...categories], {
    keys: [
      { name: 'title', weight: 0.7 },
      { name: 'code', weight: 0.3 },
    ],
    includeScore: true,
    ignoreLocation: true,
    threshold: 0.45,
  });
  return (info, limit = 5) => {
    const terms = [commonType(info.productNames), ...info.name.split('/').reverse()]
      .map((t) => t?.trim())
      .filter((t): t is string => t !== undefined && t.length > 1 && !/^[\d.\s]+$/.test(t));
    const best = new Map<string, CategorySuggestion>();
    for (const [rank, term] of terms.entries()) {
      // Earlier terms say more about the products; later ones (parents) are broader.
      const weight = 1 - rank * 0.1;
      for (const hit of fuse.search(term, { limit: limit * 2 })) {
        const score = Math.max(0, (1 - (hit.score ?? 1)) * weight);
        const prior = best.get(hit.item.code);
        if (prior === undefined || prior.score < score)
          best.set(hit.item.code, {
            code: hit.item.code,
            title: hit.item.title,
            score: Math.round(score * 1000) / 1000,
            matched: term,
          });
      }
    }
    // Below half, a hit is a coincidence of letters ("Аудио" ~ "Тетради"), not a candidate.
    return [...best.values()]
      .filter((s) => s.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  };
}

/** Ranks Kaspi categories for one supplier category (builds a one-off index; see above). */
export function suggestCategories(
  info: SupplierCategoryInfo,
  categories: readonly KaspiCategory[],
  limit = 5,
): CategorySuggestion[] {
  return createCategorySuggester(categories)(info, limit);
}
