/**
 * Reads a `Retry-After` header (seconds or an HTTP date) as milliseconds from `now`; `undefined`
 * when absent or unreadable. The caller caps it (`retry.maxRetryAfterMs`).
 */
export function parseRetryAfter(
  header: string | null,
  now: number = Date.now(),
): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
