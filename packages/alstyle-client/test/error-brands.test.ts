import { HttpKitError } from '@kaspi-connect/http-kit';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

/** Every error class the package exports, found by walking its exports. */
const classes = Object.values(api).filter(
  (value): value is typeof api.AlStyleError =>
    typeof value === 'function' && value.prototype instanceof HttpKitError,
);

function sample(Class: typeof api.AlStyleError): api.AlStyleError {
  // Subclasses take extra fields; every one of them accepts these.
  return new (Class as unknown as new (m: string, o: object) => api.AlStyleError)('x', {
    notSent: false,
    endpoint: '/api/x',
    path: '',
    value: null,
  });
}

describe('error brands', () => {
  it('finds every exported error class', () => {
    expect(classes.map((c) => c.name).sort()).toEqual([
      'AlStyleAuthError',
      'AlStyleError',
      'AlStyleHttpError',
      'AlStyleNetworkError',
      'AlStyleOperationError',
      'AlStyleOutcomeUnknownError',
      'AlStyleRateLimitError',
      'AlStyleSchemaError',
      'AlStyleTimeoutError',
    ]);
  });

  it('isInstance answers for the class and its subclasses only: 0 wrong answers', () => {
    const wrong: string[] = [];
    let asked = 0;
    for (const Checker of classes) {
      for (const Made of classes) {
        asked += 1;
        const expected = Made === Checker || Made.prototype instanceof Checker;
        if (Checker.isInstance(sample(Made)) !== expected)
          wrong.push(`${Checker.name}(${Made.name})`);
      }
    }
    expect(asked).toBe(classes.length ** 2);
    expect(wrong).toEqual([]);
  });

  it('every class declares its own brand', () => {
    const brands = new Set(classes.map((c) => c.brand));
    expect(brands.size).toBe(classes.length);
    for (const c of classes) expect(Object.hasOwn(c, 'brand')).toBe(true);
  });

  it('a plain error or a value is no Al-Style error', () => {
    expect(api.AlStyleError.isInstance(new Error('x'))).toBe(false);
    expect(api.AlStyleRateLimitError.isInstance({ isRetryable: true })).toBe(false);
    expect(api.AlStyleError.isInstance(null)).toBe(false);
  });
});
