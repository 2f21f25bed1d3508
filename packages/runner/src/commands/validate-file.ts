import {
  diffPriceLists,
  type Offer,
  type PriceListDiff,
  type PriceListDiffSummary,
  PriceListParseError,
  parsePriceListFile,
  type RejectedOffer,
  type RuleCounts,
  type ValidationIssue,
  type ValidationMode,
} from '@kaspi-connect/kaspi-pricelist';

/** Issues kept for display; every issue is counted in `byRule` either way. */
const MAX_SHOWN_ISSUES = 100_000;

/** Result of `validateFile`. */
export interface FileValidation {
  readonly valid: boolean;
  /** Every offer in the file: `offers - rejected.length` were read without errors. */
  readonly offers: number;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly issues: readonly ValidationIssue[];
  /** Offers with errors, each with its line, column, character offset and error rules. */
  readonly rejected: readonly RejectedOffer[];
  /** Errors and warnings per rule over the whole file. */
  readonly byRule: RuleCounts;
  /** Set when the file is not well-formed XML, not a `kaspi_catalog`, or cannot be read. */
  readonly parseError?: string | undefined;
}

/**
 * Reads a feed once and reports every issue under the chosen rules (strict by default): a bad
 * offer is reported and reading goes on, so one pass shows the whole file.
 */
export async function validateFile(
  path: string,
  mode: ValidationMode = 'strict',
): Promise<FileValidation> {
  try {
    const parsed = await parsePriceListFile(path, {
      mode,
      onInvalid: 'skip',
      maxIssues: MAX_SHOWN_ISSUES,
    });
    return {
      valid: parsed.errorCount === 0,
      offers: parsed.priceList.offers.length + parsed.rejected.length,
      errorCount: parsed.errorCount,
      warningCount: parsed.warningCount,
      issues: parsed.issues,
      rejected: parsed.rejected,
      byRule: parsed.byRule,
    };
  } catch (error) {
    if (
      PriceListParseError.isInstance(error) ||
      (error as NodeJS.ErrnoException).code === 'ENOENT'
    ) {
      return {
        valid: false,
        offers: 0,
        errorCount: 1,
        warningCount: 0,
        issues: [],
        rejected: [],
        byRule: {},
        parseError: (error as Error).message,
      };
    }
    throw error;
  }
}

function where(issue: ValidationIssue): string {
  if (issue.line === undefined) return issue.path;
  const column = issue.column === undefined ? '' : `:${issue.column + 1}`;
  const offset = issue.offset === undefined ? '' : ` @${issue.offset}`;
  return `line ${issue.line}${column}${offset}`;
}

/** The human form of a validation: a headline, every issue kept, then a summary by rule. */
export function formatValidation(file: string, result: FileValidation, mode: string): string {
  if (result.parseError !== undefined) return `${file}: refused: ${result.parseError}\n`;
  const read = result.offers - result.rejected.length;
  const lines = [
    `${file}: ${result.offers} offers (${read} without errors, ${result.rejected.length} with errors); ${result.errorCount} errors, ${result.warningCount} warnings in ${mode} mode`,
  ];
  for (const issue of result.issues) {
    const sku = issue.sku === undefined ? '' : ` sku ${JSON.stringify(issue.sku)}`;
    const value = issue.value === undefined ? '' : ` (found ${JSON.stringify(issue.value)})`;
    lines.push(
      `  ${issue.severity.padEnd(7)} ${issue.rule} at ${where(issue)}${sku} ${issue.path}: ${issue.message}${value}`,
    );
  }
  const total = result.errorCount + result.warningCount;
  if (result.issues.length < total)
    lines.push(`  … ${total - result.issues.length} more issues not listed (counted below)`);
  const rules = Object.entries(result.byRule).sort(([a], [b]) => a.localeCompare(b));
  if (rules.length > 0) {
    const width = Math.max(4, ...rules.map(([rule]) => rule.length));
    lines.push('', `${'rule'.padEnd(width)}  errors  warnings`);
    for (const [rule, count] of rules) {
      lines.push(
        `${rule.padEnd(width)}  ${String(count?.errors ?? 0).padStart(6)}  ${String(count?.warnings ?? 0).padStart(8)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function readForDiff(path: string): Promise<Offer[]> {
  // Offers with errors are still in the file: compare them as written rather than call them removed.
  const { priceList, rejected } = await parsePriceListFile(path, {
    mode: 'lenient',
    onInvalid: 'keep',
  });
  const kept = rejected.flatMap((r) => (r.offer === undefined ? [] : [r.offer]));
  return [...priceList.offers, ...kept];
}

/** Compares two feed files by SKU: every change. */
export async function compareFiles(before: string, after: string): Promise<PriceListDiff> {
  const [a, b] = await Promise.all([readForDiff(before), readForDiff(after)]);
  return diffPriceLists(a, b);
}

/** Compares two feed files by SKU: the counts. */
export async function diffFiles(before: string, after: string): Promise<PriceListDiffSummary> {
  return (await compareFiles(before, after)).summary;
}
