import { type Effect, type Endpoint, RESEND_RULES } from './endpoint.js';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** Marker lines around the generated table in a README. */
export const RETRY_TABLE_START =
  '<!-- retry-table:start (generated from endpoints.ts; do not edit) -->';
/** End marker of the generated table. */
export const RETRY_TABLE_END = '<!-- retry-table:end -->';

/** Renders the Markdown table of which requests may be resent, one row per endpoint. */
export function renderRetryTable(endpoints: Readonly<Record<string, Endpoint>>): string {
  const rows = Object.values(endpoints).map((endpoint) => {
    const rule = RESEND_RULES[endpoint.effect as Effect];
    return `| \`${endpoint.method} ${endpoint.path}\` | ${endpoint.effect} | ${yesNo(rule.afterFailure)} | ${yesNo(rule.afterRateLimit)} | ${yesNo(rule.afterNotSent)} | ${rule.outcomeUnknownOnFailure ? 'outcome unknown' : 'error'} |`;
  });
  return [
    '| endpoint | effect | resent after 5xx, timeout, dropped connection | resent after "too fast" | resent when never sent | after an ambiguous failure |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/**
 * Puts the table between the markers of `readme`. Throws when the markers are missing, so a
 * README that lost them fails the check instead of silently skipping it.
 */
export function withRetryTable(
  readme: string,
  endpoints: Readonly<Record<string, Endpoint>>,
): string {
  const start = readme.indexOf(RETRY_TABLE_START);
  const end = readme.indexOf(RETRY_TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`README has no "${RETRY_TABLE_START}" … "${RETRY_TABLE_END}" section`);
  }
  return `${readme.slice(0, start + RETRY_TABLE_START.length)}\n${renderRetryTable(endpoints)}\n${readme.slice(end)}`;
}
