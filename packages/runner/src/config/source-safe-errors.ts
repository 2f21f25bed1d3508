/**
 * Messages for a config that does not parse, without the source text: JSON.parse and the
 * TypeScript loader quote the lines around the error, and those lines may hold a token that
 * would then land in a journal.
 */

/** `not valid JSON at line L, column C`, from the position JSON.parse reports. */
export function jsonErrorMessage(error: unknown, source: string): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  if (position !== null) {
    const before = source.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `not valid JSON at line ${line}, column ${column}; check commas, quotes and brackets there`;
  }
  // Node 20 says `Unexpected token 'o', "…source…" is not valid JSON`: keep what precedes the quote.
  const head = message.split(/,?\s*"/)[0]?.trim() ?? '';
  const what = head === '' || head.length > 60 ? '' : ` (${head})`;
  return `not valid JSON${what}; check commas, quotes and brackets (or use a kaspi-connect.config.ts)`;
}

/** Where a JS/TS config failed to load, or the error's class, never the quoted source. */
export function loadErrorMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const location = /:(\d+):(\d+)(?::|\s|$)/.exec(message);
  const at = location === null ? '' : ` at line ${location[1]}, column ${location[2]}`;
  if (name === 'SyntaxError' || /Transform failed|ERROR:|Expected/.test(message)) {
    return `could not be loaded: a syntax error${at}; run "npx tsc --noEmit" on the file to see it`;
  }
  // A runtime error thrown by the config's own code: its first line only, without quoted text.
  const firstLine = (message.split('\n')[0] ?? '').replace(/(["'`]).*?\1/g, '…').slice(0, 200);
  return `could not be loaded: ${name}${firstLine === '' ? '' : `: ${firstLine}`}${at}`;
}
