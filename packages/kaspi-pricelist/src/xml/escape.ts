// Hand-written rather than a library: escaping is the writer's hot path and a regex test that
// lets plain strings through untouched is what keeps it near the template-literal baseline.

/** Characters that need work: markup, whitespace that parsers normalise, and anything non-plain. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NEEDS_WORK = /[&<>"'\t\n\r\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;
/** Characters outside the XML 1.0 `Char` production (lone surrogates included, via `u`). */
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const TEXT_SPECIALS = /[&<>"'\r]/g;
const ATTRIBUTE_SPECIALS = /[&<>"'\t\n\r]/g;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

const toEntity = (char: string): string => ENTITIES[char] ?? char;

/** Removes every character that XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
export function removeIllegalXmlChars(value: string): string {
  return value.replace(ILLEGAL_XML_CHARS, '');
}

/** Whether `value` holds a character that XML 1.0 forbids. */
export function hasIllegalXmlChars(value: string): boolean {
  ILLEGAL_XML_CHARS.lastIndex = 0;
  const found = ILLEGAL_XML_CHARS.test(value);
  ILLEGAL_XML_CHARS.lastIndex = 0;
  return found;
}

/**
 * Escapes element text: `& < > " '` and CR (which parsers would turn into LF); removes illegal
 * characters.
 */
export function escapeXmlText(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return removeIllegalXmlChars(value).replace(TEXT_SPECIALS, toEntity);
}

/**
 * Escapes an attribute value: `& < > " '` plus tab, LF and CR as character references so that
 * attribute-value normalisation does not turn them into spaces; removes illegal characters.
 */
export function escapeXmlAttribute(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return removeIllegalXmlChars(value).replace(ATTRIBUTE_SPECIALS, toEntity);
}
