import * as alstyle from '@kaspi-connect/alstyle-client';
import * as kaspi from '@kaspi-connect/kaspi-client';
import { describe, expect, it } from 'vitest';

type Branded = (new (...args: never[]) => Error) & { isInstance(value: unknown): boolean };

/** Every exported class of a package that has an `isInstance` check. */
function errorClasses(api: Record<string, unknown>): Branded[] {
  return Object.values(api).filter(
    (value): value is Branded =>
      typeof value === 'function' &&
      value.prototype instanceof Error &&
      typeof (value as { isInstance?: unknown }).isInstance === 'function',
  );
}

// Constructor arguments every error class of both clients accepts.
const OPTIONS = { notSent: false, endpoint: '/x', path: '', value: null, issues: [] };

function wrongAnswers(classes: readonly Branded[]): string[] {
  const wrong: string[] = [];
  for (const Checker of classes) {
    for (const Made of classes) {
      const made = new (Made as unknown as new (m: string, o: object) => Error)('x', OPTIONS);
      const expected = Made === Checker || Made.prototype instanceof Checker;
      if (Checker.isInstance(made) !== expected) wrong.push(`${Checker.name}(${Made.name})`);
    }
  }
  return wrong;
}

const alstyleClasses = errorClasses(alstyle);
const kaspiClasses = errorClasses(kaspi);
// The Kaspi client brands each class once it is built on the shared kit (a static `brand` of its own).
const kaspiOnKit = kaspiClasses.every((c) => Object.hasOwn(c, 'brand'));

describe('isInstance across both clients', () => {
  it('Al-Style: every pair of error classes, 0 wrong answers', () => {
    expect(alstyleClasses.length).toBeGreaterThanOrEqual(9);
    expect(wrongAnswers(alstyleClasses)).toEqual([]);
  });

  it.runIf(kaspiOnKit)(
    'Kaspi and both together: every pair of error classes, 0 wrong answers',
    () => {
      expect(kaspiClasses.length).toBeGreaterThanOrEqual(10);
      expect(wrongAnswers([...alstyleClasses, ...kaspiClasses])).toEqual([]);
    },
  );
});
