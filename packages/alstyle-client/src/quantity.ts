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
const WHOLE = /^\s*(\d+)\s*$/;

/** Parses Al-Style's `quantity` (`13`, `"0"`, `">50"`); returns `undefined` for anything else. */
export function parseQuantity(raw: number | string): Quantity | undefined {
  if (typeof raw === 'number') {
    return Number.isInteger(raw) && raw >= 0 ? { min: raw, exact: true, raw } : undefined;
  }
  const whole = WHOLE.exec(raw);
  if (whole?.[1] !== undefined) return { min: Number(whole[1]), exact: true, raw };
  const bound = LOWER_BOUND.exec(raw);
  if (bound?.[1] !== undefined) return { min: Number(bound[1]) + 1, exact: false, raw };
  return undefined;
}
