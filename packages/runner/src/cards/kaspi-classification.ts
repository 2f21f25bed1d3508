import type { KaspiClient } from '@kaspi-connect/kaspi-client';
import type { CardStore } from './card-store.js';
import type { KaspiCategory } from './classify.js';

/** A category attribute with its allowed values (enum attributes only). */
export interface KaspiAttribute {
  readonly code: string;
  /** `enum`, `string`, `number`, `boolean`, or a type Kaspi adds later. */
  readonly type: string;
  readonly multiValued: boolean;
  readonly mandatory: boolean;
  readonly values: readonly { readonly code: string; readonly name: string }[];
}

/**
 * Kaspi's categories, attributes, values and import schema, fetched once and kept in the state
 * database for `cacheHours`, so a run with hundreds of cards asks Kaspi once per category.
 */
export class KaspiClassification {
  readonly #kaspi: KaspiClient;
  readonly #store: CardStore;
  readonly #maxAgeMs: number;

  constructor(kaspi: KaspiClient, store: CardStore, maxAgeMs: number) {
    this.#kaspi = kaspi;
    this.#store = store;
    this.#maxAgeMs = maxAgeMs;
  }

  async #cachedOr<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#store.cached<T>(key, this.#maxAgeMs);
    if (hit !== undefined) return hit;
    const value = await load();
    this.#store.cache(key, value);
    return value;
  }

  categories(signal?: AbortSignal): Promise<KaspiCategory[]> {
    return this.#cachedOr('categories', async () =>
      (await this.#kaspi.listCategories(signal === undefined ? {} : { signal })).map(
        ({ code, title }) => ({ code, title }),
      ),
    );
  }

  /** The category's attributes; enum values are fetched for every enum attribute. */
  attributes(categoryCode: string, signal?: AbortSignal): Promise<KaspiAttribute[]> {
    const options = signal === undefined ? {} : { signal };
    return this.#cachedOr(`attributes:${categoryCode}`, async () => {
      const attrs = await this.#kaspi.getCategoryAttributes(categoryCode, options);
      const out: KaspiAttribute[] = [];
      for (const a of attrs) {
        const type = a.type ?? 'string';
        const values =
          type === 'enum'
            ? (await this.#kaspi.getAttributeValues(categoryCode, a.code, options)).map(
                ({ code, name }) => ({ code, name }),
              )
            : [];
        out.push({
          code: a.code,
          type,
          multiValued: a.multiValued ?? false,
          mandatory: a.mandatory ?? false,
          values,
        });
      }
      return out;
    });
  }

  /** The import schema Kaspi serves (draft-04). */
  schema(signal?: AbortSignal): Promise<Readonly<Record<string, unknown>>> {
    return this.#cachedOr('schema', () =>
      this.#kaspi.getImportSchema(signal === undefined ? {} : { signal }),
    );
  }
}
