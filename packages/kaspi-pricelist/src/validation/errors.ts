import type { ValidationIssue } from './issue.js';

const VALIDATION_BRAND = Symbol.for('@kaspi-connect/kaspi-pricelist/PriceListValidationError');
const PARSE_BRAND = Symbol.for('@kaspi-connect/kaspi-pricelist/PriceListParseError');

function describe(issue: ValidationIssue): string {
  const where = issue.line === undefined ? issue.path : `${issue.path} (line ${issue.line})`;
  const sku = issue.sku === undefined ? '' : ` [sku ${JSON.stringify(issue.sku)}]`;
  return `${issue.rule} at ${where}${sku}: ${issue.message}`;
}

/**
 * Thrown when a price list breaks the rules of the chosen mode. Lists every issue found (up to the
 * collection cap), not only the first; `issueCount` is the total including those past the cap.
 */
export class PriceListValidationError extends Error {
  override readonly name = 'PriceListValidationError';
  /** Every error found (and warnings), in document order, capped at `maxIssues`. */
  readonly issues: readonly ValidationIssue[];
  /** Number of errors found, including any past the cap. */
  readonly errorCount: number;
  /** Never retryable: the same input fails the same way. */
  readonly isRetryable = false;
  readonly [VALIDATION_BRAND] = true;

  constructor(issues: readonly ValidationIssue[], errorCount?: number) {
    const errors = issues.filter((issue) => issue.severity === 'error');
    const count = errorCount ?? errors.length;
    const shown = errors.slice(0, 5).map(describe).join('; ');
    super(`Price list is invalid: ${count} error(s). ${shown}${count > 5 ? '; …' : ''}`);
    this.issues = issues;
    this.errorCount = count;
  }

  /** Brand check that works across two installed copies of this package. */
  static isInstance(value: unknown): value is PriceListValidationError {
    return typeof value === 'object' && value !== null && VALIDATION_BRAND in value;
  }
}

/** Thrown when the input is not well-formed XML (or not UTF-8). Carries the position. */
export class PriceListParseError extends Error {
  override readonly name = 'PriceListParseError';
  /** 1-based line of the problem. */
  readonly line: number;
  /** 0-based column of the problem. */
  readonly column: number;
  readonly isRetryable = false;
  readonly [PARSE_BRAND] = true;

  constructor(message: string, line: number, column: number, options?: { cause?: unknown }) {
    super(`${message} (line ${line}, column ${column})`, options);
    this.line = line;
    this.column = column;
  }

  /** Brand check that works across two installed copies of this package. */
  static isInstance(value: unknown): value is PriceListParseError {
    return typeof value === 'object' && value !== null && PARSE_BRAND in value;
  }
}
