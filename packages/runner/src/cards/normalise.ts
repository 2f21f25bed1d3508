/**
 * Normalisation for matching supplier words to Kaspi's: case, `ё`, spaces, decimal commas and
 * unit spellings (Russian and Latin), so `"15,6 Дюйма"` meets `15.6"` and `"128 Гб"` meets
 * `"128 ГБ"`. Matching only: what is sent is always Kaspi's own value code.
 */
const UNITS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(\d)\s*(дюйм(а|ов)?|inch(es)?|″|'')/gu, '$1"'],
  [/(\d)\s*(гб|gb|гбайт)(?![\p{L}\p{N}])/gu, '$1gb'],
  [/(\d)\s*(тб|tb|тбайт)(?![\p{L}\p{N}])/gu, '$1tb'],
  [/(\d)\s*(мб|mb|мбайт)(?![\p{L}\p{N}])/gu, '$1mb'],
  [/(\d)\s*(ггц|ghz)(?![\p{L}\p{N}])/gu, '$1ghz'],
  [/(\d)\s*(мгц|mhz)(?![\p{L}\p{N}])/gu, '$1mhz'],
  [/(\d)\s*(мач|mah|мa·ч|ма\*ч)(?![\p{L}\p{N}])/gu, '$1mah'],
  [/(\d)\s*(вт|w)(?![\p{L}\p{N}])/gu, '$1w'],
  [/(\d)\s*(мм|mm)(?![\p{L}\p{N}])/gu, '$1mm'],
  [/(\d)\s*(см|cm)(?![\p{L}\p{N}])/gu, '$1cm'],
  [/(\d)\s*(м|m)(?![\p{L}\p{N}])/gu, '$1m'],
  [/(\d)\s*(кг|kg)(?![\p{L}\p{N}])/gu, '$1kg'],
  [/(\d)\s*(г|гр|g)(?![\p{L}\p{N}])/gu, '$1g'],
];

/** A value reduced for comparison: lower case, `ё`→`е`, `2,2`→`2.2`, units spelled one way, no spaces. */
export function normaliseValue(value: string): string {
  let out = value
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[“”«»]/g, '"')
    .trim();
  out = out.replace(/(\d),(\d)/g, '$1.$2');
  for (const [pattern, replacement] of UNITS) out = out.replace(pattern, replacement);
  return out.replace(/[\s_]+/g, '').replace(/[.,;:]+$/, '');
}

/** A property or attribute name reduced for comparison: letters and digits only. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A number in a supplier value such as `"2,2 ГГц"` or `"8000 dpi"`; `undefined` if none. */
export function numberIn(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const match = /-?\d+(?:[.,]\d+)?/.exec(value.replace(/\s(?=\d{3}\b)/g, ''));
  return match === null ? undefined : Number(match[0].replace(',', '.'));
}

const YES = new Set(['да', 'есть', 'yes', 'true', '1', 'имеется', '+']);
const NO = new Set(['нет', 'no', 'false', '0', 'отсутствует', '-']);

/** A yes/no supplier value; `undefined` when it is neither. */
export function booleanIn(value: string | number): boolean | undefined {
  const word = normaliseValue(String(value));
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return undefined;
}
