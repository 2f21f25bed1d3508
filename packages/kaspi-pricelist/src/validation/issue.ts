import {
  ACCEPTANCE_MODEL,
  type IssueSeverity,
  RULE_CODES,
  type RuleCode,
} from '../acceptance/model.js';

export {
  type IssueSeverity,
  type RuleCode,
  severityOf,
  type ValidationMode,
} from '../acceptance/model.js';

/**
 * Every rule code with its meaning, from the acceptance model. Codes are stable: the runner and
 * logs match on them.
 */
export const RULES: Readonly<Record<RuleCode, string>> = Object.fromEntries(
  RULE_CODES.map((code) => [code, ACCEPTANCE_MODEL[code].message]),
) as Record<RuleCode, string>;

/** One problem found in a price list. */
export interface ValidationIssue {
  readonly severity: IssueSeverity;
  /** Stable rule code. */
  readonly rule: RuleCode;
  /** Where, e.g. `offers[12].availabilities[0].preOrder` or `header.merchantId`. */
  readonly path: string;
  /** Human-readable explanation. */
  readonly message: string;
  /** The offending value as found (raw text when parsed). */
  readonly value: unknown;
  /** SKU of the offer the issue belongs to, when any. */
  readonly sku?: string;
  /** 1-based line in the parsed document, when parsed. */
  readonly line?: number;
  /** 0-based column in the parsed document, when known. */
  readonly column?: number;
  /** 0-based character offset in the parsed document, when known; useful for one-line files. */
  readonly offset?: number;
}

/** Rules that are errors in strict mode and warnings in lenient mode: the `warning` level. */
export const RELAXED_IN_LENIENT: ReadonlySet<RuleCode> = new Set(
  RULE_CODES.filter((code) => ACCEPTANCE_MODEL[code].level === 'warning'),
);

/** Rules that only ever warn: the `canonical` level. */
export const ALWAYS_WARNING: ReadonlySet<RuleCode> = new Set(
  RULE_CODES.filter((code) => ACCEPTANCE_MODEL[code].level === 'canonical'),
);
