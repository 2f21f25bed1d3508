import type { IssueSeverity, RuleCode, ValidationIssue, ValidationMode } from './issue.js';
import { RULES, severityOf } from './issue.js';

/** Default cap on issues kept in memory; counts continue past it. */
export const DEFAULT_MAX_ISSUES = 1000;

/** Where an issue was found, beyond its path. */
export interface IssueLocation {
  readonly sku?: string | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  readonly offset?: number | undefined;
}

/** Errors and warnings found for one rule. */
export interface RuleCount {
  errors: number;
  warnings: number;
}

/**
 * Collects issues with mode-dependent severity, keeping at most `maxIssues` but counting all, so a
 * million bad offers cannot exhaust memory.
 */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];
  errorCount = 0;
  warningCount = 0;
  /** Counts by rule, past the cap too. */
  readonly byRule = new Map<RuleCode, RuleCount>();
  /** Error rules since {@link beginOffer}, so a rejected offer names all of them. */
  private offerErrors: RuleCode[] = [];
  private trackingOffers = false;

  constructor(
    readonly mode: ValidationMode,
    readonly maxIssues: number = DEFAULT_MAX_ISSUES,
  ) {}

  /** Records an issue and returns its severity. */
  add(
    rule: RuleCode,
    path: string,
    value: unknown,
    where?: IssueLocation,
    message?: string,
  ): IssueSeverity {
    const severity = severityOf(rule, this.mode);
    let count = this.byRule.get(rule);
    if (count === undefined) {
      count = { errors: 0, warnings: 0 };
      this.byRule.set(rule, count);
    }
    if (severity === 'error') {
      this.errorCount++;
      count.errors++;
      if (this.trackingOffers) this.offerErrors.push(rule);
    } else {
      this.warningCount++;
      count.warnings++;
    }
    if (this.issues.length < this.maxIssues) {
      const issue: {
        -readonly [K in keyof ValidationIssue]: ValidationIssue[K];
      } = { severity, rule, path, message: message ?? RULES[rule], value };
      if (where?.sku !== undefined) issue.sku = where.sku;
      if (where?.line !== undefined) issue.line = where.line;
      if (where?.column !== undefined) issue.column = where.column;
      if (where?.offset !== undefined) issue.offset = where.offset;
      this.issues.push(issue);
    }
    return severity;
  }

  /** Starts recording the error rules of one offer. */
  beginOffer(): void {
    this.trackingOffers = true;
    if (this.offerErrors.length > 0) this.offerErrors = [];
  }

  /** The error rules recorded since {@link beginOffer}. */
  offerErrorRules(): readonly RuleCode[] {
    return this.offerErrors;
  }

  /** Issues of one severity. */
  only(severity: IssueSeverity): ValidationIssue[] {
    return this.issues.filter((issue) => issue.severity === severity);
  }
}
