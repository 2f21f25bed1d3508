import type * as v from 'valibot';
import { assertId } from '../assert.js';
import type { KaspiCallOptions, KaspiContext } from '../context.js';
import { ENDPOINTS } from '../endpoints.js';
import type { CategoryAttributesSchema } from '../schemas/classification.js';

/** Kaspi's product classification: categories, their attributes and allowed values. */
export interface KaspiClassificationApi {
  /** Leaf categories for product cards. */
  listCategories(
    call?: KaspiCallOptions,
  ): Promise<ReadonlyArray<{ readonly code: string; readonly title: string }>>;
  /** Attributes of a category. */
  getCategoryAttributes(
    categoryCode: string,
    call?: KaspiCallOptions,
  ): Promise<v.InferOutput<typeof CategoryAttributesSchema>>;
  /** Allowed values of an enum attribute. */
  getAttributeValues(
    categoryCode: string,
    attributeCode: string,
    call?: KaspiCallOptions,
  ): Promise<ReadonlyArray<{ readonly code: string; readonly name: string }>>;
}

/** The classification resource bound to a client. */
export function classificationResource(ctx: KaspiContext): KaspiClassificationApi {
  const { t } = ctx;
  return {
    listCategories: (o = {}) => t.send(ENDPOINTS.listCategories, {}, o),
    async getCategoryAttributes(categoryCode, o = {}) {
      assertId(categoryCode, 'categoryCode');
      const init = { params: { query: { c: categoryCode } } };
      return t.send(ENDPOINTS.getCategoryAttributes, init, o);
    },
    async getAttributeValues(categoryCode, attributeCode, o = {}) {
      assertId(categoryCode, 'categoryCode');
      assertId(attributeCode, 'attributeCode');
      const init = { params: { query: { c: categoryCode, a: attributeCode } } };
      return t.send(ENDPOINTS.getAttributeValues, init, o);
    },
  };
}
