/**
 * Renders the README's rule table from the acceptance model, so the table cannot drift from the
 * rules the code applies. `pnpm rules:readme` rewrites the table; a test checks it is current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ACCEPTANCE_MODEL, RULE_CODES, severityOf } from '../src/index.js';

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';
const README = fileURLToPath(new URL('../README.md', import.meta.url));
// Markdown would read <offers> as HTML and | as a column break.
const cell = (text: string) =>
  text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('\n', ' ');

/** The table as Markdown, one row per rule in the model's order. */
export function ruleTable(): string {
  const rows = RULE_CODES.map((code) => {
    const rule = ACCEPTANCE_MODEL[code];
    const refused = code === 'xml.root' ? 'refused' : undefined;
    return `| \`${code}\` | ${cell(rule.message)} | ${rule.level} | ${refused ?? severityOf(code, 'strict')} | ${refused ?? severityOf(code, 'lenient')} | ${rule.sources.join(', ')}: ${cell(rule.evidence)} |`;
  });
  return [
    '| rule | asks for | level | strict | lenient | evidence |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The README with its rule table replaced by the current one. */
export function readmeWithRuleTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md needs ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${ruleTable()}\n${readme.slice(end)}`;
}

if (process.argv.includes('--write')) {
  writeFileSync(README, readmeWithRuleTable(readFileSync(README, 'utf8')));
}
