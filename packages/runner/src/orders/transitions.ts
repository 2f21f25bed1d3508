import type { OrderState } from './order-record.js';

/** Where a record comes from when it is first written: a poll (`new`) or a `--fresh-state` import. */
export type TransitionSource = OrderState | 'start';

/**
 * The legal state graph of one Kaspi order, as data: `transitionOrder` refuses anything else and
 * the diagram in docs/orders.md is generated from it (and checked against it by the tests).
 * Staying in the same state (a retry counter, a log line) is always legal except in `attention`.
 */
export const TRANSITIONS: Readonly<Record<TransitionSource, readonly OrderState[]>> = {
  // A poll records `new`; a `--fresh-state` import records what the supplier and Kaspi prove.
  start: ['new', 'reserved', 'accepted', 'compensating', 'completed', 'attention'],
  new: ['to_reserve', 'to_cancel', 'cancelled', 'attention'],
  to_reserve: ['reserving', 'cancelled', 'attention'],
  reserving: ['reserved', 'to_reserve', 'attention'],
  reserved: ['accepting', 'accepted', 'compensating', 'attention'],
  accepting: ['accepted', 'reserved', 'compensating', 'attention'],
  // Watched until Kaspi's terminal states: a cancellation or return reverses the reservation.
  accepted: ['completed', 'compensating', 'attention'],
  to_cancel: ['cancelling', 'cancelled', 'attention'],
  cancelling: ['cancelled', 'to_cancel', 'attention'],
  compensating: ['cancelled', 'attention'],
  completed: [],
  cancelled: [],
  attention: [],
};

/**
 * Where a person's decision (the console) may move an order that waits in `attention`; the flow
 * itself never leaves `attention`.
 */
export const PERSON_DECISIONS: readonly OrderState[] = [
  'to_reserve',
  'reserving',
  'reserved',
  'accepted',
  'cancelling',
  'cancelled',
];

/** A transition `TRANSITIONS` does not allow: a bug, never written. */
export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly kaspiCode: string,
    readonly from: TransitionSource,
    readonly to: OrderState,
  ) {
    super(`order ${kaspiCode}: ${from} → ${to} is not a legal transition`);
  }
}

/**
 * The stored order was not in the state this process read (another writer moved it): the write is
 * refused, never applied over the other one.
 */
export class OrderConflictError extends Error {
  override readonly name = 'OrderConflictError';
  constructor(
    readonly kaspiCode: string,
    readonly expected: TransitionSource,
    readonly actual: OrderState | undefined,
  ) {
    super(
      `order ${kaspiCode}: expected state ${expected === 'start' ? '(no record)' : expected}, found ${actual ?? '(no record)'}; another process wrote it: nothing was overwritten`,
    );
  }
}

/** Whether `from → to` is in `TRANSITIONS` (same state: legal unless `attention` or final). */
export function isLegalTransition(from: TransitionSource, to: OrderState): boolean {
  if (from === to) return TRANSITIONS[from].length > 0;
  return TRANSITIONS[from].includes(to);
}

/** Throws `IllegalTransitionError` unless `from → to` is legal. */
export function assertTransition(kaspiCode: string, from: TransitionSource, to: OrderState): void {
  if (!isLegalTransition(from, to)) throw new IllegalTransitionError(kaspiCode, from, to);
}

/** The state graph as a Mermaid `stateDiagram-v2` (the docs embed exactly this text). */
export function transitionsDiagram(): string {
  const lines = ['stateDiagram-v2'];
  for (const [from, targets] of Object.entries(TRANSITIONS)) {
    for (const to of targets) lines.push(`  ${from === 'start' ? '[*]' : from} --> ${to}`);
    if (targets.length === 0) lines.push(`  ${from} --> [*]`);
  }
  for (const to of PERSON_DECISIONS) lines.push(`  attention --> ${to} : a person`);
  return lines.join('\n');
}
