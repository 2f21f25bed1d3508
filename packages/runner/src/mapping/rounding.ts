import type { RoundingConfig } from '../config/schema.js';

/** Rounds a price by the configured rule; the result is always a positive whole number of KZT. */
export function roundPrice(price: number, rounding: RoundingConfig): number {
  switch (rounding.mode) {
    case 'none':
      return Math.round(price);
    case 'nearest':
      return Math.round(price / rounding.step) * rounding.step || rounding.step;
    case 'up':
      return Math.ceil(price / rounding.step) * rounding.step;
    case 'down':
      return Math.floor(price / rounding.step) * rounding.step || rounding.step;
    case 'ending':
      return roundUpToEnding(price, rounding.ending);
  }
}

/** The smallest price ≥ `price` that ends in `ending` (990 → 12 345 becomes 12 990). */
function roundUpToEnding(price: number, ending: number): number {
  const modulus = 10 ** String(ending).length;
  const whole = Math.ceil(price);
  const candidate = Math.floor(whole / modulus) * modulus + ending;
  return candidate >= whole ? candidate : candidate + modulus;
}

/** Rounds up so that a raised price never falls back below a floor (minimum margin). */
export function roundPriceAtLeast(floor: number, rounding: RoundingConfig): number {
  const rounded = roundPrice(floor, rounding);
  if (rounded >= floor) return rounded;
  if (rounding.mode === 'nearest' || rounding.mode === 'down') {
    return Math.ceil(floor / rounding.step) * rounding.step;
  }
  return Math.ceil(floor);
}
