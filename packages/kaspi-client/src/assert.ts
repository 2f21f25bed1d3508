/** Throws a `TypeError` naming `what` unless `value` is a non-empty string. */
export function assertId(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new TypeError(`${what} must be a non-empty string`);
}

/** Throws a `TypeError` naming `what` unless `value` is a valid `Date`. */
export function assertDate(value: unknown, what: string): asserts value is Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new TypeError(`${what} must be a valid Date`);
}

/** The `params` of a request by path ids, each checked like {@link assertId} under its own name. */
export function byPath<P extends Record<string, string>>(path: P): { params: { path: P } } {
  for (const [name, value] of Object.entries(path)) assertId(value, name);
  return { params: { path } };
}
