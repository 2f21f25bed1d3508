import * as v from 'valibot';

// Every message names the expected value; `load-config.ts` prefixes it with the key's path.

/** A number ≥ 0. */
export const nonNegative = (what: string) =>
  v.pipe(v.number(`expected ${what} (a number)`), v.minValue(0, `expected ${what} ≥ 0`));
/** A whole number ≥ 0. */
export const wholeNonNegative = (what: string) =>
  v.pipe(
    v.number(`expected ${what} (a whole number)`),
    v.integer(`expected ${what} to be a whole number`),
    v.minValue(0, `expected ${what} ≥ 0`),
  );
/** A percentage from 0 to 100. */
export const percent = (what: string) =>
  v.pipe(
    v.number(`expected ${what} (a percentage)`),
    v.minValue(0, `expected ${what} between 0 and 100`),
    v.maxValue(100, `expected ${what} between 0 and 100`),
  );
/** A trimmed, non-empty string. */
export const text = (what: string) =>
  v.pipe(v.string(`expected ${what} (a string)`), v.trim(), v.nonEmpty(`expected ${what}`));
/** A list of trimmed, non-empty strings. */
export const stringList = (what: string) => v.array(text(what), `expected a list of ${what}`);
