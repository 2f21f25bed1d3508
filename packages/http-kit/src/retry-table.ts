import { type Endpoint, RESEND_RULES } from './endpoint.js';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

const START = '<!-- retry-table:start (generated from endpoints.ts; do not edit) -->';
const END = '<!-- retry-table:end -->';

/** Renders the Markdown table of which requests may be resent, one row per endpoint. */
export function renderRetryTable(endpoints: Readonly<Record<string, Endpoint>>): string {
  const rows = Object.values(endpoints).map(({ method, path, effect }) => {
    const rule = RESEND_RULES[effect];
    return `| \`${method} ${path}\` | ${effect} | ${yesNo(rule.afterFailure)} | ${yesNo(rule.afterRateLimit)} | ${yesNo(rule.afterNotSent)} | ${rule.outcomeUnknownOnFailure ? 'outcome unknown' : 'error'} |`;
  });
  return [
    '| endpoint | effect | resent after 5xx, timeout, dropped connection | resent after "too fast" | resent when never sent | after an ambiguous failure |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Puts the table between `readme`'s markers; missing markers throw, so no check skips silently. */
export function withRetryTable(
  readme: string,
  endpoints: Readonly<Record<string, Endpoint>>,
): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README has no "${START}" … "${END}" section`);
  return `${readme.slice(0, start + START.length)}\n${renderRetryTable(endpoints)}\n${readme.slice(end)}`;
}
