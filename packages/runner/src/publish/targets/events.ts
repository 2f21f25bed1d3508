/** Typed events of publishing to `feed.targets`; silent without a hook. */
export type TargetEvent =
  | {
      readonly type: 'target.published';
      readonly target: string;
      readonly url: string;
      readonly feedId: number;
      readonly sha256: string;
      readonly bytes: number;
      /** The first feed this target ever held: point Kaspi's automatic loading at `url`. */
      readonly first: boolean;
    }
  | {
      readonly type: 'target.failed';
      readonly target: string;
      readonly url: string;
      readonly feedId: number;
      readonly attempts: number;
      /** Redacted. */
      readonly error: string;
    }
  | { readonly type: 'target.up-to-date'; readonly target: string; readonly feedId: number }
  | { readonly type: 'target.busy'; readonly target: string }
  | { readonly type: 'target.skipped'; readonly reason: string };

/** Receives every `TargetEvent`; must not throw. */
export type TargetEventHandler = (event: TargetEvent) => void;
