import type { RuleCode } from '../acceptance/model.js';
import type { Availability } from '../model/types.js';

const AVAILABILITY_ATTRIBUTES: Readonly<Record<string, number>> = {
  available: 0,
  storeId: 1,
  preOrder: 2,
  stockCount: 3,
};
const WHOLE = /^[0-9]+$/;
const WHOLE_WITH_ZERO_FRACTION = /^([0-9]+)\.0+$/;

/** Reports an issue at `suffix` below the availability (`''`, `.preOrder`, `@attr`). */
export type AvailabilityReport = (rule: RuleCode, suffix: string, value: unknown) => void;

/**
 * Reads the attributes of one `<availability>`, reporting deviations as it goes. Values that are
 * not whole numbers stay raw text, so the validator reports them with the value as written.
 */
export function readAvailability(
  attributes: Readonly<Record<string, string>>,
  report: AvailabilityReport,
): Availability {
  let last = -1;
  let misordered = false;
  for (const attribute in attributes) {
    const order = AVAILABILITY_ATTRIBUTES[attribute];
    if (order === undefined) {
      report('xml.unknownAttribute', `@${attribute}`, attribute);
      continue;
    }
    if (order < last) misordered = true;
    last = order;
  }
  if (misordered) report('xml.attributeOrder', '', Object.keys(attributes).join(','));

  const available = attributes.available;
  const availability: {
    storeId: string;
    available: boolean;
    stockCount?: number;
    preOrder?: number;
  } = {
    storeId: attributes.storeId ?? '',
    available: (available === 'yes' ? true : available === 'no' ? false : available) as boolean,
  };
  const preOrder = attributes.preOrder;
  if (preOrder !== undefined) {
    if (preOrder === '0') report('availability.preOrder.zero', '.preOrder', preOrder);
    else availability.preOrder = (WHOLE.test(preOrder) ? Number(preOrder) : preOrder) as number;
  }
  const stockCount = attributes.stockCount;
  if (stockCount !== undefined) {
    const decimal = WHOLE.test(stockCount) ? undefined : WHOLE_WITH_ZERO_FRACTION.exec(stockCount);
    if (decimal) {
      report('availability.stockCount.decimal', '.stockCount', stockCount);
      availability.stockCount = Number(decimal[1]);
    } else {
      availability.stockCount = (
        WHOLE.test(stockCount) ? Number(stockCount) : stockCount
      ) as number;
    }
  }
  return availability;
}
