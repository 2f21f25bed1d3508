import { describe, expect, it } from 'vitest';
import { evaluateGuards, type GuardInput } from '../src/guards/safety-guards.js';
import type { FeedChangeSummary } from '../src/pipeline/run-summary.js';
import { testConfig } from './helpers/config.js';

const guards = testConfig().guards;
const noChanges: FeedChangeSummary = {
  previousOffers: 1000,
  added: 0,
  removed: 0,
  becameAvailable: 0,
  becameUnavailable: 0,
  priceChanged: 0,
  priceChangedBeyondThreshold: 0,
};
const calm = {
  supplierProducts: 1000,
  previousSupplierProducts: 1000,
  offers: 1000,
  available: 800,
  previousAvailable: 800,
  changes: noChanges,
} satisfies GuardInput;

describe('safety guards', () => {
  it('allows a normal run', () => {
    expect(evaluateGuards(calm, guards)).toEqual({ allowed: true, refusals: [] });
  });

  it('on the first run only refuses an empty result', () => {
    const first = { supplierProducts: 10, offers: 10, available: 0 };
    expect(evaluateGuards(first, guards).allowed).toBe(true);
    const empty = evaluateGuards({ supplierProducts: 0, offers: 0, available: 0 }, guards);
    expect(empty.allowed).toBe(false);
    expect(empty.refusals).toEqual([
      'the supplier returned no products',
      'only 0 offers to publish (minimum 1)',
    ]);
  });

  it('refuses below minOffers', () => {
    const verdict = evaluateGuards({ ...calm, offers: 9 }, { ...guards, minOffers: 10 });
    expect(verdict.refusals).toEqual(['only 9 offers to publish (minimum 10)']);
  });

  it('refuses when the supplier catalogue shrank beyond the threshold, not at it', () => {
    expect(evaluateGuards({ ...calm, supplierProducts: 800 }, guards).allowed).toBe(true);
    const verdict = evaluateGuards({ ...calm, supplierProducts: 799 }, guards);
    expect(verdict.refusals).toEqual([
      'the supplier catalogue shrank by 20.1% (1000 → 799; limit 20%)',
    ]);
  });

  it('refuses when too many published offers would disappear', () => {
    const at = { ...calm, changes: { ...noChanges, removed: 100 } };
    expect(evaluateGuards(at, guards).allowed).toBe(true);
    const over = { ...calm, changes: { ...noChanges, removed: 101 } };
    expect(evaluateGuards(over, guards).refusals[0]).toMatch(
      /101 of 1000 published offers would disappear/,
    );
  });

  it('refuses when too many available offers would become unavailable', () => {
    const over = { ...calm, changes: { ...noChanges, becameUnavailable: 241 } };
    expect(evaluateGuards(over, guards).refusals[0]).toMatch(
      /241 of 800 available offers would become unavailable \(30.1%; limit 30%\)/,
    );
    const at = { ...calm, changes: { ...noChanges, becameUnavailable: 240 } };
    expect(evaluateGuards(at, guards).allowed).toBe(true);
  });

  it('refuses when too many prices moved beyond the price-change percent', () => {
    const over = { ...calm, changes: { ...noChanges, priceChangedBeyondThreshold: 101 } };
    expect(evaluateGuards(over, guards).refusals[0]).toMatch(
      /101 offers changed price by more than 30%/,
    );
    const at = { ...calm, changes: { ...noChanges, priceChangedBeyondThreshold: 100 } };
    expect(evaluateGuards(at, guards).allowed).toBe(true);
  });

  it('reports every tripped guard at once', () => {
    const verdict = evaluateGuards(
      {
        ...calm,
        supplierProducts: 100,
        changes: {
          ...noChanges,
          removed: 900,
          becameUnavailable: 800,
          priceChangedBeyondThreshold: 500,
        },
      },
      guards,
    );
    expect(verdict.refusals).toHaveLength(4);
  });
});
