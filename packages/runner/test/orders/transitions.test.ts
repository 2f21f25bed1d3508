import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ORDER_STATES, type OrderRecord } from '../../src/orders/order-record.js';
import {
  assertTransition,
  IllegalTransitionError,
  isLegalTransition,
  OrderConflictError,
  TRANSITIONS,
  transitionsDiagram,
} from '../../src/orders/transitions.js';
import { SqliteStateStore } from '../../src/state/sqlite-state-store.js';

const DOC = fileURLToPath(new URL('../../../../docs/order-states.md', import.meta.url));
const BEGIN = '```mermaid\n';
const END = '\n```';

const order: OrderRecord = {
  kaspiCode: '600000001',
  kaspiId: 'id',
  state: 'new',
  supplier: 'alstyle',
  supplierOrderId: undefined,
  lines: [],
  attempts: 0,
  createdAt: new Date('2026-12-01T10:00:00Z'),
  updatedAt: new Date('2026-12-01T10:00:00Z'),
};

describe('TRANSITIONS: the legal state graph as data', () => {
  it('names every state, and only states', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(['start', ...ORDER_STATES].sort());
    for (const targets of Object.values(TRANSITIONS))
      for (const to of targets) expect(ORDER_STATES).toContain(to);
  });

  it('refuses what the graph does not allow', () => {
    expect(isLegalTransition('new', 'accepted')).toBe(false);
    expect(isLegalTransition('accepted', 'compensating')).toBe(true);
    expect(isLegalTransition('reserving', 'reserving')).toBe(true);
    expect(isLegalTransition('attention', 'attention')).toBe(false);
    expect(() => assertTransition('1', 'cancelled', 'to_reserve')).toThrow(IllegalTransitionError);
  });

  it('writes with compare-and-set: a lost race is an error, never an overwrite', () => {
    const a = new SqliteStateStore(':memory:');
    a.transitionOrder(order, 'start', { step: 'seen', phase: 'done' });
    expect(() => a.transitionOrder(order, 'start')).toThrow(OrderConflictError);
    a.transitionOrder({ ...order, state: 'to_reserve' }, 'new');
    // A second writer that still believes the order is `new`:
    expect(() => a.transitionOrder({ ...order, state: 'to_cancel' }, 'new')).toThrow(
      /expected state new, found to_reserve/,
    );
    expect(a.findOrder(order.kaspiCode)?.state).toBe('to_reserve');
    expect(a.orderSteps(order.kaspiCode)).toHaveLength(1);
    a.close();
  });

  it('is the diagram in docs/order-states.md (UPDATE_DOCS=1 rewrites it)', () => {
    const text = readFileSync(DOC, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END, start + BEGIN.length);
    const expected = transitionsDiagram();
    if (process.env.UPDATE_DOCS === '1') {
      writeFileSync(DOC, `${text.slice(0, start + BEGIN.length)}${expected}${text.slice(end)}`);
      return;
    }
    expect(text.slice(start + BEGIN.length, end)).toBe(expected);
  });
});
