import { createHash } from 'node:crypto';

/** The feed as it goes to a target: the exact bytes of the live file and their hash. */
export interface FeedUpload {
  readonly bytes: Uint8Array;
  readonly sha256: string;
  /** When the feed went live locally (commit messages, logs). */
  readonly publishedAt: Date;
}

/** Kinds of `feed.targets`. */
export type TargetKind = 's3' | 'git' | 'sftp';

/**
 * A place the feed is published to besides the local server. `upload` must be atomic for readers
 * (a single PUT, a commit, a temp name then a rename): a reader sees the old feed or the new one.
 * `readBack` returns what a reader gets now, or `undefined` when the target holds no feed.
 */
export interface PublishTarget {
  readonly name: string;
  readonly kind: TargetKind;
  /** The URL Kaspi's automatic loading should fetch. */
  readonly publicUrl: string;
  upload(feed: FeedUpload, signal: AbortSignal): Promise<void>;
  readBack(signal: AbortSignal): Promise<Uint8Array | undefined>;
}

/** Where a target publish failed. */
export type TargetPhase = 'upload' | 'verify';

const BRAND = Symbol.for('kaspi-connect.TargetPublishError');

/** A target did not end up holding the new feed; its previous feed is what readers get. */
export class TargetPublishError extends Error {
  override readonly name = 'TargetPublishError';
  readonly target: string;
  readonly kind: TargetKind;
  readonly phase: TargetPhase;
  readonly [BRAND] = true;

  constructor(
    target: { readonly name: string; readonly kind: TargetKind },
    phase: TargetPhase,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`target "${target.name}" (${target.kind}) ${phase}: ${message}`, options);
    this.target = target.name;
    this.kind = target.kind;
    this.phase = phase;
  }

  /** True for a `TargetPublishError`, even from another installed copy of the package. */
  static isInstance(value: unknown): value is TargetPublishError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}

/** Hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Uploads the feed, then reads it back as a reader would and compares the hash: a target that
 * answers "OK" but stores nothing, or something else, fails here instead of looking published.
 */
export async function publishVerified(
  target: PublishTarget,
  feed: FeedUpload,
  signal: AbortSignal,
): Promise<void> {
  try {
    await target.upload(feed, signal);
  } catch (error) {
    if (TargetPublishError.isInstance(error)) throw error;
    throw new TargetPublishError(target, 'upload', messageOf(error), { cause: error });
  }
  let stored: Uint8Array | undefined;
  try {
    stored = await target.readBack(signal);
  } catch (error) {
    throw new TargetPublishError(target, 'verify', `read-back failed: ${messageOf(error)}`, {
      cause: error,
    });
  }
  if (stored === undefined) {
    throw new TargetPublishError(target, 'verify', 'the upload was accepted but no feed is there');
  }
  const got = sha256Hex(stored);
  if (got !== feed.sha256) {
    throw new TargetPublishError(
      target,
      'verify',
      `the stored feed differs from the one uploaded (sha256 ${got.slice(0, 12)}…, ${stored.byteLength} bytes; expected ${feed.sha256.slice(0, 12)}…, ${feed.bytes.byteLength} bytes)`,
    );
  }
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
