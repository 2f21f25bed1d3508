import { type KaspiProductImportItem, ProductImportItemSchema } from '@kaspi-connect/kaspi-client';
import AjvDraft04 from 'ajv-draft-04';
import * as v from 'valibot';

/** Checks one card; returns what is wrong with it (`[]` when it may be sent). */
export type CardValidator = (card: KaspiProductImportItem) => string[];

/**
 * A validator for Kaspi's served import schema (draft-04, compiled by Ajv) plus the guide's
 * limits, which apply even if the served schema is looser. The schema describes the whole array,
 * so each card is checked as an array of one.
 */
export function createCardValidator(schema: Readonly<Record<string, unknown>>): CardValidator {
  // ajv-draft-04 is CommonJS; its class is the `default` export.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  const check = ajv.compile(schema);
  return (card) => {
    const problems: string[] = [];
    if (!check([card]))
      for (const e of check.errors ?? []) {
        const path = e.instancePath.replace(/^\/0/, '').replace(/^\//, '') || '(card)';
        problems.push(`schema: ${path} ${e.message ?? 'is invalid'}`);
      }
    const guide = v.safeParse(ProductImportItemSchema, card);
    if (!guide.success)
      for (const issue of guide.issues) {
        const path = issue.path?.map((p) => String(p.key)).join('.') ?? '(card)';
        problems.push(`guide limit: ${path}: ${issue.message}`);
      }
    return [...new Set(problems)];
  };
}
