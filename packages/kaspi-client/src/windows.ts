/** Kaspi refuses an orders query whose `creationDate` window is wider than 14 days. */
export const MAX_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * How far inside the 14-day limit the client keeps each window it sends. Kaspi reports the width
 * in whole days and how it rounds is unknown (a window of exactly 14 × 24 h was accepted once),
 * so the client does not ask for the limit itself; the cost is one extra request per two weeks.
 */
export const ORDER_WINDOW_MARGIN_MS = 60 * 60 * 1000;

/** The widest `creationDate` window the client sends: 14 days less the margin. */
export const ORDER_WINDOW_MS = MAX_WINDOW_MS - ORDER_WINDOW_MARGIN_MS;

/** One creation-date window: both ends inclusive. */
export interface DateWindow {
  readonly from: Date;
  readonly to: Date;
}

/** Splits `[from, to]` into consecutive windows of at most `maxMs`, in order, without gaps. */
export function splitDateRange(from: Date, to: Date, maxMs = ORDER_WINDOW_MS): DateWindow[] {
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
