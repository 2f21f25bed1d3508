import type { AlStyleClient } from '@kaspi-connect/alstyle-client';

/** What a supplier knows about one product that a Kaspi card needs. */
export interface CardSourceProduct {
  /** The supplier's product key (Al-Style `article`). */
  readonly key: string;
  readonly name: string;
  /** The long name (Al-Style `full_name`). */
  readonly fullName: string;
  readonly brand: string | undefined;
  /** The supplier's category id. */
  readonly categoryId: string | undefined;
  /** Full specifications as HTML (Al-Style `detailText`), when the supplier has them. */
  readonly detailHtml: string | undefined;
  /** The short description, when the supplier has one. */
  readonly description: string | undefined;
  /** Image URLs, main image first. */
  readonly images: readonly string[];
  /** Kilograms, when known. */
  readonly weightKg: number | undefined;
  /** Property name → value. */
  readonly properties: Readonly<Record<string, string | number>>;
}

/** Where card data comes from: a supplier's detailed product calls, for a few products at a time. */
export interface CardSource {
  /** The supplier id (`Supplier.id`). */
  readonly supplier: string;
  /** Card data of these products; products the supplier no longer has are left out. */
  fetchProducts(
    keys: readonly string[],
    options?: { readonly signal?: AbortSignal | undefined },
  ): Promise<ReadonlyMap<string, CardSourceProduct>>;
  /** Supplier category id → its name with its parents (`"Периферия / Мыши"`). */
  categoryNames(options?: {
    readonly signal?: AbortSignal | undefined;
  }): Promise<ReadonlyMap<string, string>>;
}

/** Products per `element-info` call; integrations use 25-50. */
const BATCH = 50;
const FIELDS = ['brand', 'images', 'weight', 'description', 'detailText', 'properties'] as const;

/** Al-Style as a card source: `element-info` with the detail fields, in batches of 50. */
export class AlStyleCardSource implements CardSource {
  readonly supplier: string;
  readonly #client: AlStyleClient;

  constructor(client: AlStyleClient, supplier = 'alstyle') {
    this.#client = client;
    this.supplier = supplier;
  }

  async fetchProducts(
    keys: readonly string[],
    options: { readonly signal?: AbortSignal | undefined } = {},
  ): Promise<ReadonlyMap<string, CardSourceProduct>> {
    const articles = keys.map(Number).filter((n) => Number.isSafeInteger(n) && n >= 0);
    const out = new Map<string, CardSourceProduct>();
    for (let i = 0; i < articles.length; i += BATCH) {
      const products = await this.#client.getElementInfo({
        articles: articles.slice(i, i + BATCH),
        fields: FIELDS,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      for (const p of products) {
        out.set(String(p.article), {
          key: String(p.article),
          name: p.name,
          fullName: p.fullName,
          brand: p.brand?.trim() || undefined,
          categoryId: String(p.categoryId),
          detailHtml: p.detailText ?? undefined,
          description: p.description ?? undefined,
          images: p.images,
          weightKg: p.weight ?? undefined,
          properties: p.properties,
        });
      }
    }
    return out;
  }

  async categoryNames(
    options: { readonly signal?: AbortSignal | undefined } = {},
  ): Promise<ReadonlyMap<string, string>> {
    const categories = await this.#client.getCategories(
      options.signal === undefined ? {} : { signal: options.signal },
    );
    const sorted = [...categories].sort((a, b) => a.left - b.left);
    const out = new Map<string, string>();
    const stack: Array<{ right: number; path: string }> = [];
    for (const c of sorted) {
      while (stack.length > 0 && (stack.at(-1)?.right ?? 0) < c.left) stack.pop();
      const path = stack.length === 0 ? c.name : `${stack.at(-1)?.path} / ${c.name}`;
      out.set(String(c.id), path);
      stack.push({ right: c.right, path });
    }
    return out;
  }
}
