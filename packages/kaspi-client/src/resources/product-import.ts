import * as v from 'valibot';
import { assertId } from '../assert.js';
import type { KaspiCallOptions, KaspiContext } from '../context.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KaspiImportState } from '../enums.js';
import { type KaspiProductImportItem, ProductImportSchema } from '../products.js';
import type { ImportResultSchema, ImportStatusSchema } from '../schemas/product-import.js';
import { toKaspiIssues } from '../transport/validate.js';

/** Status of a product import. */
export interface KaspiImportStatus {
  readonly code: string;
  readonly status: KaspiImportState;
  readonly description: string | undefined;
}

/** Result of a finished product import. */
export type KaspiImportResult = v.InferOutput<typeof ImportResultSchema>;

/** Uploading product cards and following the upload. */
export interface KaspiProductImportApi {
  /** Uploads 1–10 000 product cards, validated locally first. Not retried. */
  importProducts(
    products: readonly KaspiProductImportItem[],
    call?: KaspiCallOptions,
  ): Promise<KaspiImportStatus>;
  /** Status of an import by its code. */
  getImportStatus(code: string, call?: KaspiCallOptions): Promise<KaspiImportStatus>;
  /** Per-SKU result of an import. */
  getImportResult(code: string, call?: KaspiCallOptions): Promise<KaspiImportResult>;
  /** The import's JSON schema (draft-04), as Kaspi serves it. */
  getImportSchema(call?: KaspiCallOptions): Promise<Readonly<Record<string, unknown>>>;
}

/** Validates cards before anything is sent; names the first five bad fields. */
function checkCards(products: readonly KaspiProductImportItem[]) {
  const checked = v.safeParse(ProductImportSchema, products);
  if (checked.success) return checked.output;
  const issues = toKaspiIssues(checked.issues.slice(0, 5)).map((i) => `${i.path}: ${i.message}`);
  throw new TypeError(`importProducts: invalid product cards: ${issues.join('; ')}`);
}

const toStatus = (doc: v.InferOutput<typeof ImportStatusSchema>): KaspiImportStatus => ({
  code: doc.code,
  status: doc.status,
  description: doc.description,
});

/** The product-import resource bound to a client. */
export function productImportResource(ctx: KaspiContext): KaspiProductImportApi {
  const { t } = ctx;
  return {
    async importProducts(products, o = {}) {
      const body = checkCards(products);
      return toStatus(await t.send(ENDPOINTS.importProducts, { body }, o));
    },
    async getImportStatus(code, o = {}) {
      assertId(code, 'code');
      const init = { params: { query: { i: code } } };
      return toStatus(await t.send(ENDPOINTS.getImportStatus, init, o));
    },
    async getImportResult(code, o = {}) {
      assertId(code, 'code');
      return t.send(ENDPOINTS.getImportResult, { params: { query: { i: code } } }, o);
    },
    getImportSchema: (o = {}) => t.send(ENDPOINTS.getImportSchema, {}, o),
  };
}
