import type { RuleCode } from '../acceptance/model.js';
import type { Offer } from '../model/types.js';

/** An offer the parser read but left out of the catalogue because it has errors. */
export interface RejectedOffer {
  /** 0-based position among all offers in the document. */
  readonly index: number;
  readonly sku: string;
  /** 1-based line, 0-based column and 0-based character offset of its `<offer` tag. */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** The error rules it breaks (every one, even past `maxIssues`). */
  readonly errors: readonly RuleCode[];
  /**
   * The offer as read, values as written (a bad `price` stays text), with `onInvalid: 'keep'`.
   * Not valid by definition: check before use.
   */
  readonly offer?: Offer;
}
