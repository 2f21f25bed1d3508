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
