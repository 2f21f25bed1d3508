import type { ValidationIssue } from '@kaspi-connect/kaspi-pricelist';
import type { FileValidation } from '../../commands/validate-file.js';

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
