import type { Offer, PriceListHeader } from '../model/types.js';
import { IssueCollector } from './collector.js';
import { PriceListValidationError } from './errors.js';
import type { ValidationIssue, ValidationMode } from './issue.js';
import { OfferValidator } from './offer-validator.js';

/** Options of {@link validatePriceList}. */
export interface ValidateOptions {
  /** `strict` (default) follows Kaspi's guide; `lenient` downgrades the deviations real feeds have. */
  readonly mode?: ValidationMode;
  /** Issues kept in the result (all are counted). Default 1000. */
  readonly maxIssues?: number;
}

/** Outcome of {@link validatePriceList}. */
export interface ValidationResult {
  /** True when there is no error (warnings allowed). */
  readonly valid: boolean;
  /** Errors and warnings in input order, capped at `maxIssues`. */
  readonly issues: readonly ValidationIssue[];
  readonly errorCount: number;
  readonly warningCount: number;
}

/** A price list to validate: the header plus any iterable of offers. */
export interface PriceListSource extends PriceListHeader {
  readonly offers: Iterable<Offer>;
}

/**
 * Checks a whole price list and returns every issue (path, rule code, message, value, sku).
 * Never throws for bad data; see {@link assertValidPriceList} for the throwing form.
 */
export function validatePriceList(
  priceList: PriceListSource,
  options: ValidateOptions = {},
): ValidationResult {
  const collector = new IssueCollector(options.mode ?? 'strict', options.maxIssues);
  const validator = new OfferValidator(collector);
  validator.validateHeader(priceList);
  let index = 0;
  for (const offer of priceList.offers) validator.validateOffer(offer, index++);
  if (index === 0) collector.add('offers.empty', 'offers', 0);
  return {
    valid: collector.errorCount === 0,
    issues: collector.issues,
    errorCount: collector.errorCount,
    warningCount: collector.warningCount,
  };
}

/** Like {@link validatePriceList} but throws a {@link PriceListValidationError} listing all errors. */
export function assertValidPriceList(
  priceList: PriceListSource,
  options: ValidateOptions = {},
): void {
  const result = validatePriceList(priceList, options);
  if (!result.valid) throw new PriceListValidationError(result.issues, result.errorCount);
}
