/** Stock as Al-Style reports it, without inventing a number for `">50"`. */
export interface Quantity {
  /** The smallest stock the value guarantees: `">50"` → 51. */
  readonly min: number;
  /** `false` when the API gave only a lower bound. */
  readonly exact: boolean;
  /** The value exactly as received. */
  readonly raw: number | string;
}

const LOWER_BOUND = /^\s*>\s*(\d+)\s*$/;
const UPPER_BOUND = /^\s*<\s*(\d+)\s*$/;
const WHOLE = /^\s*(\d+)\s*$/;

/**
 * Parses Al-Style's `quantity` (`13`, `"0"`, `">50"`); returns `undefined` for anything else.
 * `"<N"` (some clients strip it; whether the API sends it is unknown) guarantees nothing: min 0.
 */
export function parseQuantity(raw: number | string): Quantity | undefined {
  if (typeof raw === 'number') {
    return Number.isInteger(raw) && raw >= 0 ? { min: raw, exact: true, raw } : undefined;
  }
  const whole = WHOLE.exec(raw);
  if (whole?.[1] !== undefined) return { min: Number(whole[1]), exact: true, raw };
  const bound = LOWER_BOUND.exec(raw);
  if (bound?.[1] !== undefined) return { min: Number(bound[1]) + 1, exact: false, raw };
  if (UPPER_BOUND.test(raw)) return { min: 0, exact: false, raw };
  return undefined;
}
