/**
 * Writes a command's result to stdout: JSON for machines (`--json`, or stdout not a terminal,
 * when the command says so), the people form otherwise. One line or block per call.
 */
export function writeResult(
  value: unknown,
  options: { readonly json: boolean; readonly pretty?: boolean | undefined },
  people: () => string,
): void {
  const text = options.json
    ? JSON.stringify(value, null, options.pretty === false ? undefined : 2)
    : people();
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
