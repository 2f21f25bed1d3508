import { readFile } from 'node:fs/promises';
import { redactSecrets } from '../../logging/redact.js';
import type { PublishedFeedRecord, StateStore } from '../../state/state-store.js';
import type { TargetEventHandler } from './events.js';
import { messageOf, type PublishTarget, publishVerified, sha256Hex } from './target.js';

/** Options of `TargetOutbox`. */
export interface TargetOutboxOptions {
  readonly store: StateStore;
  readonly targets: readonly PublishTarget[];
  /** The live feed file that the local publisher writes. */
  readonly feedPath: string;
  readonly onEvent?: TargetEventHandler | undefined;
  /** Strings to scrub from error messages (keys, passwords, tokens). */
  readonly secrets?: readonly string[] | undefined;
  readonly now?: (() => Date) | undefined;
  /** How long one attempt may hold a target before another process may take it (default 10 min). */
  readonly leaseMs?: number | undefined;
}

/** What one delivery did for one target. */
export type TargetOutcome =
  | { readonly target: string; readonly status: 'published'; readonly feedId: number }
  | { readonly target: string; readonly status: 'up-to-date'; readonly feedId: number }
  | {
      readonly target: string;
      readonly status: 'failed';
      readonly feedId: number;
      readonly error: string;
    }
  | { readonly target: string; readonly status: 'busy' };

/**
 * Brings every target up to the newest locally published feed. The outbox row of a target holds
 * the newest feed it should have and the newest one confirmed there, so a target that failed (or
 * a process that crashed) is caught up on the next call, and an older feed is never sent after a
 * newer one: only the newest feed is ever queued, and only the live file is ever uploaded.
 * Targets run side by side; one failing or hanging target never holds up the others.
 */
export class TargetOutbox {
  readonly #options: TargetOutboxOptions;

  constructor(options: TargetOutboxOptions) {
    this.#options = options;
  }

  get targets(): readonly PublishTarget[] {
    return this.#options.targets;
  }

  /** Delivers the live feed to every target that lacks it. Never throws for a target's failure. */
  async deliver(
    options: { readonly signal?: AbortSignal | undefined } = {},
  ): Promise<TargetOutcome[]> {
    const { store, targets, onEvent } = this.#options;
    if (targets.length === 0) return [];
    const live = await this.#readLive();
    if (live === undefined) return [];
    const now = this.#now();
    for (const target of targets) {
      store.queueTargetFeed({
        target: target.name,
        kind: target.kind,
        url: target.publicUrl,
        feedId: live.feed.id,
        sha256: live.feed.sha256,
        at: now,
      });
    }
    const signal = options.signal ?? new AbortController().signal;
    const outcomes = await Promise.all(targets.map((t) => this.#deliverOne(t, live, signal)));
    for (const outcome of outcomes) {
      if (outcome.status === 'up-to-date')
        onEvent?.({ type: 'target.up-to-date', target: outcome.target, feedId: outcome.feedId });
      if (outcome.status === 'busy') onEvent?.({ type: 'target.busy', target: outcome.target });
    }
    return outcomes;
  }

  async #deliverOne(
    target: PublishTarget,
    live: { feed: PublishedFeedRecord; bytes: Uint8Array },
    signal: AbortSignal,
  ): Promise<TargetOutcome> {
    const { store, onEvent } = this.#options;
    const row = store.claimTarget(target.name, this.#now(), this.#options.leaseMs ?? 600_000);
    if (row === undefined) return { target: target.name, status: 'busy' };
    // Another process published a newer feed since we read the live file: leave it to that one.
    if (row.wantedFeedId > live.feed.id || (row.deliveredFeedId ?? 0) >= live.feed.id) {
      store.releaseTarget(target.name);
      return { target: target.name, status: 'up-to-date', feedId: row.deliveredFeedId ?? 0 };
    }
    try {
      await publishVerified(
        target,
        { bytes: live.bytes, sha256: live.feed.sha256, publishedAt: live.feed.publishedAt },
        signal,
      );
    } catch (error) {
      const message = redactSecrets(messageOf(error), this.#options.secrets ?? []);
      store.recordTargetFailed(target.name, { error: message, at: this.#now() });
      onEvent?.({
        type: 'target.failed',
        target: target.name,
        url: target.publicUrl,
        feedId: live.feed.id,
        attempts: row.attempts + 1,
        error: message,
      });
      return { target: target.name, status: 'failed', feedId: live.feed.id, error: message };
    }
    store.recordTargetDelivered(target.name, {
      feedId: live.feed.id,
      sha256: live.feed.sha256,
      at: this.#now(),
    });
    onEvent?.({
      type: 'target.published',
      target: target.name,
      url: target.publicUrl,
      feedId: live.feed.id,
      sha256: live.feed.sha256,
      bytes: live.bytes.byteLength,
      first: row.deliveredFeedId === undefined,
    });
    return { target: target.name, status: 'published', feedId: live.feed.id };
  }

  /** The live file and its record, only when they agree (a publish may be in flight). */
  async #readLive(): Promise<{ feed: PublishedFeedRecord; bytes: Uint8Array } | undefined> {
    const { store, onEvent } = this.#options;
    const feed = store.lastPublishedFeed();
    if (feed === undefined) {
      onEvent?.({ type: 'target.skipped', reason: 'no feed has been published yet' });
      return undefined;
    }
    const bytes = await readFile(this.#options.feedPath).catch(() => undefined);
    if (bytes === undefined) {
      onEvent?.({
        type: 'target.skipped',
        reason: `the live feed ${this.#options.feedPath} is missing`,
      });
      return undefined;
    }
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (sha256Hex(view) !== feed.sha256) {
      onEvent?.({
        type: 'target.skipped',
        reason:
          'the live feed file does not match the last published feed (a publish is in progress?); retried next cycle',
      });
      return undefined;
    }
    return { feed, bytes: view };
  }

  #now(): Date {
    return (this.#options.now ?? (() => new Date()))();
  }
}
