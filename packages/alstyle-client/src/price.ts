/** Al-Style's price for withdrawn items and spare parts: not a real price. */
export const PLACEHOLDER_PRICE = 9_999_999;

/** A price the API gave; `null` means "price on request" (the API sends 1 or less). */
export function normalisePrice(raw: number): number | null {
  return raw <= 1 ? null : raw;
}

/** Whether a raw price is the 9 999 999 placeholder. */
export function isPlaceholderPrice(raw: number): boolean {
  return raw === PLACEHOLDER_PRICE;
}

/** Upgrades `http://` image URLs to `https://` (Kaspi needs downloadable https URLs). */
export function toHttps(url: string): string {
  return url.replace(/^http:\/\//i, 'https://');
}
