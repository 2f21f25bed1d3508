/** What the card flow reports while it works (for logs; never secrets). */
export type CardEvent =
  | {
      readonly type: 'cards.drafted';
      readonly sku: string;
      readonly state: 'draft' | 'ready';
      readonly problems: readonly string[];
    }
  | { readonly type: 'cards.skipped'; readonly sku: string; readonly reason: string }
  | { readonly type: 'cards.import.started'; readonly id: number; readonly skus: number }
  | { readonly type: 'cards.import.uploaded'; readonly id: number; readonly code: string }
  | { readonly type: 'cards.import.refused'; readonly id: number; readonly error: string }
  | { readonly type: 'cards.import.unknown'; readonly id: number; readonly error: string }
  | { readonly type: 'cards.import.waiting'; readonly id: number; readonly code: string }
  | {
      readonly type: 'cards.import.finished';
      readonly id: number;
      readonly code: string;
      readonly finished: number;
      readonly rejected: number;
    };

/** Receives `CardEvent`s. */
export type CardEventHandler = (event: CardEvent) => void;
