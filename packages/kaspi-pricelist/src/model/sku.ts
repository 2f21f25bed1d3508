/** Kaspi's rule for `offer/@sku`: Latin letters and digits only, 1 to 20 characters. */
export const SKU_PATTERN = /^[A-Za-z0-9]{1,20}$/;

/** Longest SKU Kaspi accepts. */
export const SKU_MAX_LENGTH = 20;

/** Whether `sku` satisfies Kaspi's SKU rule (uniqueness is a property of the whole file). */
export function isValidSku(sku: string): boolean {
  return SKU_PATTERN.test(sku);
}

const PREFIX = /^[A-Za-z]{1,10}$/;
const DIGITS = /^[0-9]+$/;

/** Thrown by {@link deriveSku} when a prefix or key cannot make a valid, collision-free SKU. */
export class SkuDerivationError extends Error {
  override readonly name = 'SkuDerivationError';
}

/**
 * Derives a Kaspi SKU from a supplier prefix and the supplier's numeric key, e.g.
 * `deriveSku('AS', 20932)` → `AS20932`.
 *
 * Stable (same input, same SKU) and collision-free: the prefix is letters only and the key digits
 * only, so the first digit marks the split and {@link parseDerivedSku} recovers both parts; two
 * different (prefix, key) pairs never meet, even across suppliers, and even if Kaspi compares SKUs
 * case-insensitively (the prefix is upper-cased).
 *
 * Limits: the prefix is 1–10 Latin letters; the key is a non-negative safe integer or a string of
 * digits (leading zeros are kept, so `"007"` and `"7"` give different SKUs); prefix + key must fit
 * in 20 characters. Anything else throws {@link SkuDerivationError} rather than truncating or
 * hashing, since either could collide.
 */
export function deriveSku(prefix: string, key: number | string): string {
  if (!PREFIX.test(prefix)) {
    throw new SkuDerivationError(
      `SKU prefix must be 1-10 Latin letters, got ${JSON.stringify(prefix)}`,
    );
  }
  let digits: string;
  if (typeof key === 'number') {
    if (!Number.isSafeInteger(key) || key < 0) {
      throw new SkuDerivationError(`SKU key must be a non-negative safe integer, got ${key}`);
    }
    digits = String(key);
  } else {
    if (!DIGITS.test(key)) {
      throw new SkuDerivationError(`SKU key must be digits only, got ${JSON.stringify(key)}`);
    }
    digits = key;
  }
  const sku = prefix.toUpperCase() + digits;
  if (sku.length > SKU_MAX_LENGTH) {
    throw new SkuDerivationError(
      `SKU ${JSON.stringify(sku)} would be ${sku.length} characters; Kaspi allows ${SKU_MAX_LENGTH}`,
    );
  }
  return sku;
}

/**
 * Inverse of {@link deriveSku}: splits a derived SKU into its prefix and key (digits, as a string).
 * Returns undefined for a SKU that {@link deriveSku} could not have produced, or whose prefix is not
 * `expectedPrefix` (compared case-insensitively) when that is given.
 */
export function parseDerivedSku(
  sku: string,
  expectedPrefix?: string,
): { readonly prefix: string; readonly key: string } | undefined {
  const match = /^([A-Z]{1,10})([0-9]+)$/.exec(sku);
  if (match === null || sku.length > SKU_MAX_LENGTH) return undefined;
  const [, prefix = '', key = ''] = match;
  if (expectedPrefix !== undefined && prefix !== expectedPrefix.toUpperCase()) return undefined;
  return { prefix, key };
}
