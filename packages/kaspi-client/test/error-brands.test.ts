import { describe, expect, it } from 'vitest';
import {
  KaspiAuthError,
  KaspiError,
  KaspiHtmlResponseError,
  KaspiNetworkError,
  KaspiNotFoundError,
  KaspiRateLimitError,
  KaspiResponseValidationError,
  KaspiServerError,
  KaspiStatusConflictError,
  KaspiTimeoutError,
  KaspiValidationError,
} from '../src/index.js';

// Every class with one instance of it; `issues` and `retryAfterMs` are the only extra options.
const CASES = [
  [KaspiError, new KaspiError('x')],
  [KaspiAuthError, new KaspiAuthError('x')],
  [KaspiNotFoundError, new KaspiNotFoundError('x')],
  [KaspiValidationError, new KaspiValidationError('x')],
  [KaspiRateLimitError, new KaspiRateLimitError('x', { retryAfterMs: 1 })],
  [KaspiServerError, new KaspiServerError('x')],
  [KaspiTimeoutError, new KaspiTimeoutError('x')],
  [KaspiNetworkError, new KaspiNetworkError('x')],
  [KaspiHtmlResponseError, new KaspiHtmlResponseError('x')],
  [KaspiResponseValidationError, new KaspiResponseValidationError('x', { issues: [] })],
  [KaspiStatusConflictError, new KaspiStatusConflictError('x')],
] as const;

describe('isInstance answers per class', () => {
  for (const [Class] of CASES) {
    for (const [Other, error] of CASES) {
      const expected = error instanceof Class;
      it(`${Class.name}.isInstance(new ${Other.name}) is ${expected}`, () => {
        expect(Class.isInstance(error)).toBe(expected);
      });
    }
  }

  it('every subclass is an instance of KaspiError and of itself only', () => {
    const yes = CASES.flatMap(([Class]) => CASES.filter(([, e]) => Class.isInstance(e)).length);
    // KaspiError answers for all 11; each subclass for exactly one.
    expect(yes).toEqual([11, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('works across two installed copies (brands are registered symbols)', () => {
    const foreign = { [Symbol.for('@kaspi-connect/kaspi-client/KaspiRateLimitError')]: true };
    expect(KaspiRateLimitError.isInstance(foreign)).toBe(true);
    expect(KaspiServerError.isInstance(foreign)).toBe(false);
  });

  it('rejects values that are not Kaspi errors', () => {
    for (const value of [null, undefined, 'KaspiError', new Error('x'), {}]) {
      expect(KaspiError.isInstance(value)).toBe(false);
    }
  });
});
