// Value checks shared by the validator's full check and its fast path.
import { hasIllegalXmlChars } from '../xml/escape.js';

export const CITY_ID = /^\d{9}$/;
const NON_SPACE = /\S/;
// Cheap pre-test; surrogate pairs (emoji) pass through to the exact check.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

export const isPositiveWhole = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
export const isNonNegativeWhole = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
// Hot path: a first character that is not white space settles it without the regex: printable
// ASCII, or U+00A1–U+167F (Latin-1, Cyrillic, …), below the first Unicode space after U+00A0.
export const isNonEmptyString = (value: unknown): value is string => {
  if (typeof value !== 'string' || value.length === 0) return false;
  const first = value.charCodeAt(0);
  return (
    (first > 0x20 && first < 0x7f) || (first > 0xa0 && first < 0x1680) || NON_SPACE.test(value)
  );
};
// Hot path: a loop settles a short SKU faster than a regex call.
export const hasSkuChars = (sku: string): boolean => {
  for (let i = 0; i < sku.length; i++) {
    const unit = sku.charCodeAt(i);
    const lower = unit | 0x20; // A–Z to a–z; nothing else lands in a–z
    if (!((lower >= 0x61 && lower <= 0x7a) || (unit >= 0x30 && unit <= 0x39))) return false;
  }
  return true;
};
export const hasIllegal = (value: unknown): boolean =>
  typeof value === 'string' && MAYBE_ILLEGAL.test(value) && hasIllegalXmlChars(value);
