import type { IssueSeverity, RuleCode, ValidationIssue, ValidationMode } from './issue.js';
import { RULES, severityOf } from './issue.js';

/** Default cap on issues kept in memory; counts continue past it. */
export const DEFAULT_MAX_ISSUES = 1000;

/** Where an issue was found, beyond its path. */
export interface IssueLocation {
  readonly sku?: string | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

/**
 * Collects issues with mode-dependent severity, keeping at most `maxIssues` but counting all, so a
 * million bad offers cannot exhaust memory.
 */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];
  errorCount = 0;
  warningCount = 0;

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
    if (severity === 'error') this.errorCount++;
    else this.warningCount++;
    if (this.issues.length < this.maxIssues) {
      const issue: {
        -readonly [K in keyof ValidationIssue]: ValidationIssue[K];
      } = { severity, rule, path, message: message ?? RULES[rule], value };
      if (where?.sku !== undefined) issue.sku = where.sku;
      if (where?.line !== undefined) issue.line = where.line;
      if (where?.column !== undefined) issue.column = where.column;
      this.issues.push(issue);
    }
    return severity;
  }

  /** Issues of one severity. */
  only(severity: IssueSeverity): ValidationIssue[] {
    return this.issues.filter((issue) => issue.severity === severity);
  }
}
