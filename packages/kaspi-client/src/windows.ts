/** Kaspi refuses an orders query whose `creationDate` window is wider than 14 days. */
export const MAX_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

/** One creation-date window: both ends inclusive. */
export interface DateWindow {
  readonly from: Date;
  readonly to: Date;
}

/** Splits `[from, to]` into consecutive windows of at most `maxMs`, in order, without gaps. */
export function splitDateRange(from: Date, to: Date, maxMs: number = MAX_WINDOW_MS): DateWindow[] {
  const start = from.getTime();
  const end = to.getTime();
  if (Number.isNaN(start) || Number.isNaN(end))
    throw new RangeError('splitDateRange: invalid date');
  if (end < start) throw new RangeError('splitDateRange: `to` is before `from`');
  if (!(maxMs > 0)) throw new RangeError('splitDateRange: maxMs must be positive');
  const windows: DateWindow[] = [];
  let cursor = start;
  do {
    const windowEnd = Math.min(cursor + maxMs, end);
    windows.push({ from: new Date(cursor), to: new Date(windowEnd) });
    cursor = windowEnd + 1;
  } while (cursor <= end);
  return windows;
}
