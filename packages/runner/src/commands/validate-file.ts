import {
  diffPriceLists,
  type PriceListDiffSummary,
  PriceListParseError,
  PriceListValidationError,
  parsePriceListFile,
  type ValidationIssue,
  type ValidationMode,
  validatePriceList,
} from '@kaspi-connect/kaspi-pricelist';

/** Result of `validateFile`. */
export interface FileValidation {
  readonly valid: boolean;
  readonly offers: number;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly issues: readonly ValidationIssue[];
  /** Set when the file is not well-formed XML. */
  readonly parseError?: string | undefined;
}

/** Reads any feed leniently, then checks it against the chosen rules (strict by default). */
export async function validateFile(
  path: string,
  mode: ValidationMode = 'strict',
): Promise<FileValidation> {
  try {
    const { priceList } = await parsePriceListFile(path, { mode: 'lenient' });
    const result = validatePriceList(priceList, { mode });
    return {
      valid: result.valid,
      offers: priceList.offers.length,
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      issues: result.issues,
    };
  } catch (error) {
    // Even the lenient reader stops at errors real feeds never get away with (price 0, …).
    if (PriceListValidationError.isInstance(error)) {
      return {
        valid: false,
        offers: 0,
        errorCount: error.errorCount,
        warningCount: error.issues.filter((issue) => issue.severity === 'warning').length,
        issues: error.issues,
      };
    }
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
        parseError: (error as Error).message,
      };
    }
    throw error;
  }
}

/** Compares two feed files by SKU. */
export async function diffFiles(before: string, after: string): Promise<PriceListDiffSummary> {
  const [a, b] = await Promise.all([
    parsePriceListFile(before, { mode: 'lenient' }),
    parsePriceListFile(after, { mode: 'lenient' }),
  ]);
  return diffPriceLists(a.priceList, b.priceList).summary;
}
