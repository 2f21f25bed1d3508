import * as v from 'valibot';
import { optNum, optStr, str } from './common.js';

export const ImportStatusSchema = v.looseObject({ code: str, status: str, description: optStr });

export const ImportResultSchema = v.looseObject({
  errors: optNum,
  warnings: optNum,
  skipped: optNum,
  total: optNum,
  result: v.optional(
    v.record(v.string(), v.looseObject({ state: optStr, errors: v.optional(v.unknown()) })),
  ),
});

/** The import's JSON schema, kept as Kaspi serves it. */
export const ImportSchemaSchema = v.record(v.string(), v.unknown());
