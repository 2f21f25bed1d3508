import { describe, expect, it } from 'vitest';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
const entry = (feedId: number, sha256 = `sha-${feedId}`) => ({
  target: 'r2',
  kind: 's3',
  url: 'https://x.example/k/kaspi.xml',
  feedId,
  sha256,
  at: at(feedId),
});

describe('the publish outbox in SQLite', () => {
  it('never queues or records an older feed over a newer one', () => {
    const store = new SqliteStateStore(':memory:');
    store.queueTargetFeed(entry(5));
    store.queueTargetFeed(entry(3));
    expect(store.targetOutbox()[0]).toMatchObject({ wantedFeedId: 5, wantedSha256: 'sha-5' });
    store.recordTargetDelivered('r2', { feedId: 5, sha256: 'sha-5', at: at(20) });
    store.recordTargetDelivered('r2', { feedId: 4, sha256: 'sha-4', at: at(21) });
    expect(store.targetOutbox()[0]).toMatchObject({
      deliveredFeedId: 5,
      deliveredSha256: 'sha-5',
      deliveredAt: at(20),
    });
  });

  it('counts failures against the wanted feed and resets them when a newer feed is queued', () => {
    const store = new SqliteStateStore(':memory:');
    store.queueTargetFeed(entry(1));
    store.recordTargetFailed('r2', { error: 'PUT answered 503', at: at(2) });
    store.recordTargetFailed('r2', { error: 'PUT answered 503', at: at(3) });
    expect(store.targetOutbox()[0]).toMatchObject({ attempts: 2, lastError: 'PUT answered 503' });
    store.queueTargetFeed(entry(2));
    expect(store.targetOutbox()[0]).toMatchObject({ attempts: 0, wantedFeedId: 2 });
    store.recordTargetDelivered('r2', { feedId: 2, sha256: 'sha-2', at: at(4) });
    expect(store.targetOutbox()[0]).toMatchObject({ attempts: 0, lastError: undefined });
  });

  it('lets one process at a time claim a target; an expired lease can be taken over', () => {
    const store = new SqliteStateStore(':memory:');
    store.queueTargetFeed(entry(1));
    expect(store.claimTarget('r2', at(10), 60_000)).toBeDefined();
    expect(store.claimTarget('r2', at(10), 60_000)).toBeUndefined();
    expect(store.claimTarget('r2', at(12), 60_000)).toBeDefined();
    store.releaseTarget('r2');
    expect(store.claimTarget('r2', at(12), 60_000)).toBeDefined();
    expect(store.claimTarget('nobody', at(12), 60_000)).toBeUndefined();
  });
});
