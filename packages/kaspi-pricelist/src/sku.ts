/** Kaspi's rule for `offer/@sku`: Latin letters and digits only, 1 to 20 characters. */
export const SKU_PATTERN = /^[A-Za-z0-9]{1,20}$/;

export const SKU_MAX_LENGTH = 20;

/** Whether `sku` satisfies Kaspi's SKU rule (uniqueness is a property of the whole file). */
export function isValidSku(sku: string): boolean {
  return SKU_PATTERN.test(sku);
}
