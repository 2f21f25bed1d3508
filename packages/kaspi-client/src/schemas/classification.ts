import * as v from 'valibot';
import { optBool, optStr, str } from './common.js';

/** Classification categories. */
export const CategoriesSchema = v.array(v.looseObject({ code: str, title: str }));

/** Attributes of a category. */
export const CategoryAttributesSchema = v.array(
  v.looseObject({ code: str, type: optStr, multiValued: optBool, mandatory: optBool }),
);

/** Allowed values of an enum attribute. */
export const AttributeValuesSchema = v.array(v.looseObject({ code: str, name: str }));
