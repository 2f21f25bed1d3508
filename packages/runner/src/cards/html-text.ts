import { compile } from 'html-to-text';

// Compiled once: html-to-text's `convert` rebuilds its selector tables on every call.
const toText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'ul', options: { itemPrefix: '- ' } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable' },
  ],
});

/** HTML from the supplier (`detailText`) as plain text: no tags, entities decoded, no links. */
export function htmlToPlainText(html: string): string {
  return toText(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * `Name: value` lines of the text (list items and table rows), as extra supplier properties:
 * Al-Style keeps most real specifications in `detailText`, not in `properties`.
 */
export function specPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^[-*•]\s*/, '').trim();
    const match =
      /^([^:]{1,60}):\s*(.{1,256})$/.exec(line) ??
      /^(\S[^\t]{0,59}?)\s{2,}(\S.{0,255})$/.exec(line);
    if (match === null) continue;
    const name = (match[1] as string).trim();
    const value = (match[2] as string).trim();
    if (name !== '' && value !== '' && !(name in out)) out[name] = value;
  }
  return out;
}

/** Cuts text to `max` characters at a word boundary, marking the cut with `…`. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
