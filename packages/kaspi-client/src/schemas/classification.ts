import * as v from 'valibot';
import { optBool, optStr, str } from './common.js';

export const CategoriesSchema = v.array(v.looseObject({ code: str, title: str }));

export const CategoryAttributesSchema = v.array(
  v.looseObject({ code: str, type: optStr, multiValued: optBool, mandatory: optBool }),
);

export const AttributeValuesSchema = v.array(v.looseObject({ code: str, name: str }));
