import * as v from 'valibot';
import { nonNegative, stringList, text, wholeNonNegative } from './schema-parts.js';

const KASPI_CATEGORY = /^Master ?-[a-zA-Z_\s\d-]+$/;

/** The `cards` section: product cards on Kaspi. */
export const cardsSchema = v.strictObject({
  /**
   * Supplier category id → Kaspi leaf category code (`"3472": "Master - Portable speakers"`).
   * `kaspi-connect cards categories` suggests codes for the ones missing here.
   */
  categories: v.optional(
    v.record(
      text('a supplier category id'),
      v.pipe(
        text('a Kaspi leaf category code'),
        v.regex(KASPI_CATEGORY, 'expected a Kaspi category code such as "Master - Mice"'),
      ),
      'expected a table of supplier category ids to Kaspi category codes',
    ),
    {},
  ),
  /**
   * Kaspi attribute → supplier property names that fill it. The key is a full code
   * (`"Mice*Color"`) or the name after the last `*` (`"Color"`, for every category).
   */
  attributes: v.optional(
    v.record(
      text('a Kaspi attribute code or name'),
      v.union(
        [text('a supplier property name'), stringList('supplier property names')],
        'expected a supplier property name or a list of them',
      ),
      'expected a table of Kaspi attributes to supplier property names',
    ),
    {},
  ),
  /** Values used when the supplier has none, by full attribute code or name. */
  fixedValues: v.optional(
    v.record(
      text('a Kaspi attribute code or name'),
      v.union([v.string(), v.number(), v.boolean()], 'expected a string, a number or true/false'),
      'expected a table of Kaspi attributes to values',
    ),
    {},
  ),
  /** Cards per import request (Kaspi accepts 1 to 10 000). */
  batchSize: v.optional(
    v.pipe(
      wholeNonNegative('cards per import'),
      v.minValue(1, 'expected at least 1 card per import'),
      v.maxValue(10_000, 'expected at most 10 000 cards per import (Kaspi limit)'),
    ),
    100,
  ),
  /** Seconds between import status checks. */
  pollEverySeconds: v.optional(nonNegative('seconds between import status checks'), 30),
  /** Stop waiting for an import after this long; the next `cards submit` or `cards status --refresh` picks it up. */
  maxWaitMinutes: v.optional(nonNegative('minutes to wait for an import'), 30),
  /** Kaspi's categories, attributes and values are fetched again after this many hours. */
  cacheHours: v.optional(nonNegative('hours to keep Kaspi classification data'), 24),
});
