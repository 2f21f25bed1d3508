import { describe, expect, it } from 'vitest';
import { HttpKitError } from '../src/index.js';

class A extends HttpKitError {
  static override readonly brand: symbol = Symbol.for('@kaspi-connect/http-kit/test/A');
}
class B extends A {
  static override readonly brand: symbol = Symbol.for('@kaspi-connect/http-kit/test/B');
}
class C extends HttpKitError {
  static override readonly brand: symbol = Symbol.for('@kaspi-connect/http-kit/test/C');
}

describe('HttpKitError brands', () => {
  it('answers for the class and its subclasses only', () => {
    const classes = [HttpKitError, A, B, C];
    const wrong: string[] = [];
    for (const Checker of classes) {
      for (const Made of classes) {
        const expected = Made === Checker || Made.prototype instanceof Checker;
        if (Checker.isInstance(new Made('x')) !== expected)
          wrong.push(`${Checker.name}(${Made.name})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('survives a second copy of the class (same Symbol.for brand)', () => {
    class CopyOfA extends HttpKitError {
      static override readonly brand: symbol = Symbol.for('@kaspi-connect/http-kit/test/A');
    }
    expect(A.isInstance(new CopyOfA('x'))).toBe(true);
    expect(B.isInstance(new CopyOfA('x'))).toBe(false);
    expect(A.isInstance('x')).toBe(false);
  });

  it('keeps cause, status and isRetryable', () => {
    const cause = new Error('inner');
    const error = new A('outer', { cause, status: 503, isRetryable: true });
    expect(error.cause).toBe(cause);
    expect(error.status).toBe(503);
    expect(error.isRetryable).toBe(true);
  });
});
