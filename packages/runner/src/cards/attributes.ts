import type { KaspiAttribute } from './kaspi-classification.js';
import { booleanIn, normaliseName, normaliseValue, numberIn } from './normalise.js';

/** One attribute of a card, as the import sends it. */
export interface CardAttribute {
  readonly code: string;
  readonly value: string | number | boolean | string[];
}

/** How supplier properties fill Kaspi attributes (`cards.attributes`, `cards.fixedValues`). */
export interface AttributeRules {
  /** Attribute code or name → supplier property name(s). */
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
  /** Attribute code or name → value used when the supplier has none. */
  readonly fixedValues: Readonly<Record<string, string | number | boolean>>;
}

/** Mapped attributes; `problems` keep the card out, `notes` only explain what was left out. */
export interface AttributeMapping {
  readonly attributes: readonly CardAttribute[];
  readonly problems: readonly string[];
  readonly notes: readonly string[];
}

type Raw = string | number | boolean;

/** The part of an attribute code after the last `*` (`"Mice*Color"` → `"Color"`). */
export function attributeName(code: string): string {
  return code.slice(code.lastIndexOf('*') + 1);
}

function rawValue(
  attr: KaspiAttribute,
  properties: Readonly<Record<string, string | number>>,
  rules: AttributeRules,
): { value: Raw; from: string } | undefined {
  const name = attributeName(attr.code);
  const configured = rules.attributes[attr.code] ?? rules.attributes[name];
  const names =
    configured === undefined ? [] : typeof configured === 'string' ? [configured] : configured;
  const byNorm = new Map(Object.keys(properties).map((k) => [normaliseName(k), k]));
  for (const wanted of [...names, name]) {
    const key = wanted in properties ? wanted : byNorm.get(normaliseName(wanted));
    const value = key === undefined ? undefined : properties[key];
    if (value !== undefined && String(value).trim() !== '')
      return { value, from: `property "${key}"` };
  }
  const fixed = rules.fixedValues[attr.code] ?? rules.fixedValues[name];
  return fixed === undefined ? undefined : { value: fixed, from: 'cards.fixedValues' };
}

function enumCode(attr: KaspiAttribute, value: string): string | undefined {
  const wanted = normaliseValue(value);
  return attr.values.find(
    (v) => normaliseValue(v.code) === wanted || normaliseValue(v.name) === wanted,
  )?.code;
}

type Converted = { readonly value: CardAttribute['value'] } | { readonly error: string };

function convert(attr: KaspiAttribute, raw: Raw): Converted {
  const label = `"${attributeName(attr.code)}" (${attr.code})`;
  if (attr.type === 'number') {
    const n = typeof raw === 'boolean' ? undefined : numberIn(raw);
    return n === undefined ? { error: `${label}: "${String(raw)}" is not a number` } : { value: n };
  }
  if (attr.type === 'boolean') {
    const b = typeof raw === 'boolean' ? raw : booleanIn(raw);
    return b === undefined
      ? { error: `${label}: "${String(raw)}" is not yes or no` }
      : { value: b };
  }
  if (attr.type === 'enum') {
    const parts = attr.multiValued ? String(raw).split(/\s*[,;/]\s*/) : [String(raw)];
    const codes: string[] = [];
    for (const part of parts.filter((p) => p.trim() !== '')) {
      const code = enumCode(attr, part);
      if (code === undefined) {
        const allowed = attr.values
          .slice(0, 8)
          .map((v) => v.name)
          .join(', ');
        return {
          error: `${label}: "${part}" is not one of Kaspi's values (${allowed}${attr.values.length > 8 ? ', …' : ''})`,
        };
      }
      if (!codes.includes(code)) codes.push(code);
    }
    if (codes.length === 0) return { error: `${label}: no value` };
    return { value: attr.multiValued ? codes.slice(0, 32) : (codes[0] as string) };
  }
  const text = String(raw).trim();
  return { value: text.length > 256 ? text.slice(0, 256) : text };
}

/**
 * Fills a category's attributes from supplier properties: configured property names first, then
 * a property whose normalised name equals the attribute's, then `fixedValues`. Enum values are
 * sent as Kaspi's own value code after matching (case, spaces, units). A mandatory attribute
 * without a usable value is a problem naming the attribute; an optional one is only a note.
 */
export function mapAttributes(
  attrs: readonly KaspiAttribute[],
  properties: Readonly<Record<string, string | number>>,
  rules: AttributeRules,
): AttributeMapping {
  const attributes: CardAttribute[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  for (const attr of attrs) {
    const label = `"${attributeName(attr.code)}" (${attr.code})`;
    const raw = rawValue(attr, properties, rules);
    if (raw === undefined) {
      if (attr.mandatory)
        problems.push(
          `mandatory attribute ${label} has no value: map a supplier property to it in cards.attributes or set cards.fixedValues`,
        );
      continue;
    }
    const converted = convert(attr, raw.value);
    if ('error' in converted) {
      (attr.mandatory ? problems : notes).push(`${converted.error} (from ${raw.from})`);
      continue;
    }
    attributes.push({ code: attr.code, value: converted.value });
  }
  if (attributes.length === 0 && problems.length === 0)
    problems.push('attributes: none could be filled, and Kaspi needs at least one');
  return { attributes, problems, notes };
}
