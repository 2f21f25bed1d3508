/**
 * Formats a date for `kaspi_catalog/@date` as `YYYY-MM-DDTHH:mm:ss` in UTC.
 * Kaspi does not specify the format; this is one of the forms real feeds use.
 */
export function formatPriceListDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('formatPriceListDate: invalid Date');
  return date.toISOString().slice(0, 19);
}
