import { formatPriceListDate } from '../model/date.js';
import type { Offer, PriceListHeader } from '../model/types.js';
import { IssueCollector } from '../validation/collector.js';
import { PriceListValidationError } from '../validation/errors.js';
import type { ValidationIssue, ValidationMode } from '../validation/issue.js';
import { OfferValidator } from '../validation/offer-validator.js';
import { OfferText } from './offer-text.js';
import {
  COMPACT,
  type Layout,
  PRETTY,
  renderClosing,
  renderOffer,
  renderOpening,
} from './render.js';
import { renderCompactOffer } from './render-compact.js';

/** Options shared by every writer entry point. */
export interface WriteOptions {
  /** Validation mode applied to every offer. Default `strict`. */
  readonly mode?: ValidationMode;
  /** `throw` (default): any invalid offer fails the whole write. `skip`: leave it out and report it. */
  readonly onInvalid?: 'throw' | 'skip';
  /** Indent with two spaces and one element per line. Default false (compact). */
  readonly pretty?: boolean;
  /** Write a file with no offers. Default false: an empty catalogue would delist everything. */
  readonly allowEmpty?: boolean;
  /** With `onInvalid: 'skip'`, fail when more offers than this are skipped. Default unlimited. */
  readonly maxSkipped?: number;
  /** Issues kept in reports and errors (all are counted). Default 1000. */
  readonly maxIssues?: number;
  /** Called for each skipped offer as it is skipped. */
  readonly onSkip?: (skipped: SkippedOffer) => void;
  /** Aborts the write; the target is aborted/destroyed with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** An offer left out under `onInvalid: 'skip'`. */
export interface SkippedOffer {
  /** Position in the input sequence. */
  readonly index: number;
  readonly sku: string;
  /** Its issues (empty once the report's issue cap has been reached). */
  readonly issues: readonly ValidationIssue[];
}

/** What a successful write did. */
export interface WriteReport {
  readonly offersWritten: number;
  readonly offersSkipped: number;
  /** Skipped offers, capped at `maxIssues`. */
  readonly skipped: readonly SkippedOffer[];
  /** Warnings (e.g. lenient deviations), capped at `maxIssues`. */
  readonly warnings: readonly ValidationIssue[];
  readonly warningCount: number;
}

/** Writer input: the header (date defaults to now) and the offers. */
export interface WritablePriceList extends Omit<PriceListHeader, 'date'> {
  /** String written as is, a Date formatted by `formatPriceListDate`, default now. */
  readonly date?: string | Date;
}

/**
 * Validates and renders a price list one offer at a time. The streaming entry points feed it;
 * it never holds offers, only their SKUs for the uniqueness rule.
 */
export class PriceListSerializer {
  private readonly collector: IssueCollector;
  private readonly validator: OfferValidator;
  private readonly text: OfferText;
  private readonly layout: Layout;
  private readonly skip: boolean;
  private readonly skipped: SkippedOffer[] = [];
  private failed = false;
  private index = 0;
  private written = 0;
  private skippedCount = 0;

  constructor(private readonly options: WriteOptions = {}) {
    this.collector = new IssueCollector(options.mode ?? 'strict', options.maxIssues);
    // Characters are checked while escaping (OfferText), not twice.
    this.validator = new OfferValidator(this.collector, false);
    this.text = new OfferText(this.collector);
    this.layout = options.pretty === true ? PRETTY : COMPACT;
    this.skip = options.onInvalid === 'skip';
  }

  /** Validates the header and returns the opening XML (empty when the write has already failed). */
  open(input: WritablePriceList): string {
    const header: PriceListHeader = {
      company: input.company,
      merchantId: input.merchantId,
      date:
        input.date instanceof Date
          ? formatPriceListDate(input.date)
          : (input.date ?? formatPriceListDate(new Date())),
    };
    const errors = this.collector.errorCount;
    this.validator.validateHeader(header);
    if (this.collector.errorCount > errors) this.failed = true;
    return this.failed ? '' : renderOpening(header, this.layout);
  }

  /** Validates one offer and returns its XML, or '' when it is skipped or the write failed. */
  add(offer: Offer): string {
    const index = this.index++;
    const issuesBefore = this.collector.issues.length;
    this.text.begin(offer, index);
    if (this.validator.validateOffer(offer, index)) {
      if (this.failed) {
        this.text.checkAll(offer);
        return '';
      }
      this.written++;
      this.text.plainSku = this.validator.skuIsPlain;
      return this.layout === COMPACT
        ? renderCompactOffer(offer, this.text)
        : renderOffer(offer, this.layout, this.text);
    }
    this.text.checkAll(offer);
    if (!this.skip) {
      this.failed = true;
      return '';
    }
    this.skippedCount++;
    const skipped: SkippedOffer = {
      index,
      sku: String(offer.sku),
      issues: this.collector.issues.slice(issuesBefore),
    };
    if (this.skipped.length < (this.options.maxIssues ?? 1000)) this.skipped.push(skipped);
    this.options.onSkip?.(skipped);
    return '';
  }

  /** Returns the closing XML, or throws a {@link PriceListValidationError} listing every error. */
  close(): string {
    const { allowEmpty = false, maxSkipped = Number.POSITIVE_INFINITY } = this.options;
    if (this.written === 0 && !allowEmpty && !this.failed) {
      this.collector.add(
        'offers.empty',
        'offers',
        0,
        undefined,
        'refusing to write a price list with no offers',
      );
      this.failed = true;
    }
    if (this.skippedCount > maxSkipped) {
      this.collector.add(
        'offers.tooManySkipped',
        'offers',
        this.skippedCount,
        undefined,
        `${this.skippedCount} offers skipped, more than maxSkipped (${maxSkipped})`,
      );
      this.failed = true;
    }
    if (this.failed)
      throw new PriceListValidationError(this.collector.issues, this.collector.errorCount);
    return renderClosing(this.layout);
  }

  /** Summary so far; complete after {@link close}. */
  report(): WriteReport {
    return {
      offersWritten: this.written,
      offersSkipped: this.skippedCount,
      skipped: this.skipped,
      warnings: this.collector.only('warning'),
      warningCount: this.collector.warningCount,
    };
  }
}
