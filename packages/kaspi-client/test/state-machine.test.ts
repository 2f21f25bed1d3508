import { describe, expect, it } from 'vitest';
import type { SimOrder } from '../src/testing/order-book.js';
import { applyStatusChange } from '../src/testing/state-machine.js';

const STATUSES = [
  'APPROVED_BY_BANK',
  'ACCEPTED_BY_MERCHANT',
  'COMPLETED',
  'CANCELLED',
  'CANCELLING',
  'KASPI_DELIVERY_RETURN_REQUESTED',
  'RETURNED',
] as const;

function makeOrder(status: string, overrides: Partial<SimOrder> = {}): SimOrder {
  return {
    id: 'ID',
    code: '1',
    state: 'NEW',
    status,
    creationDate: 0,
    approvedByBankDate: 0,
    paymentMode: 'PREPAID',
    deliveryMode: 'DELIVERY_PICKUP',
    isKaspiDelivery: false,
    signatureRequired: false,
    signed: true,
    preOrder: false,
    arrived: false,
    pickupPointId: 'M_PP1',
    deliveryCost: 0,
    customer: { id: 'c', name: null, cellPhone: '7000000000', firstName: 'a', lastName: 'b' },
    entries: [],
    assembled: false,
    numberOfSpace: undefined,
    waybill: undefined,
    cancellationReason: undefined,
    cancellationComment: undefined,
    securityCode: '1234',
    returnedToWarehouse: false,
    ...overrides,
  };
}

const ctx = { newSecurityCode: () => '5555', waybillUrl: () => 'https://w/x.pdf' };
const noCode = { sendCode: undefined, securityCode: undefined };

/** Which source statuses each target accepts (reference §4, target statuses table). */
const ALLOWED: Record<
  string,
  {
    from: readonly string[];
    attrs: Record<string, unknown>;
    headers?: { sendCode: string; securityCode: string };
    order?: Partial<SimOrder>;
    to: string;
  }
> = {
  ACCEPTED_BY_MERCHANT: { from: ['APPROVED_BY_BANK'], attrs: {}, to: 'ACCEPTED_BY_MERCHANT' },
  CANCELLED: {
    from: ['APPROVED_BY_BANK', 'ACCEPTED_BY_MERCHANT'],
    attrs: { cancellationReason: 'MERCHANT_OUT_OF_STOCK' },
    to: 'CANCELLED',
  },
  COMPLETED: {
    from: ['ACCEPTED_BY_MERCHANT'],
    attrs: {},
    headers: { sendCode: 'true', securityCode: '1234' },
    to: 'COMPLETED',
  },
  ASSEMBLE: {
    from: ['ACCEPTED_BY_MERCHANT'],
    attrs: { numberOfSpace: '1' },
    order: { isKaspiDelivery: true },
    to: 'ACCEPTED_BY_MERCHANT',
  },
  ARRIVED: {
    from: ['ACCEPTED_BY_MERCHANT'],
    attrs: {},
    order: { preOrder: true },
    to: 'ACCEPTED_BY_MERCHANT',
  },
  ARRIVED_BACKWARD: { from: ['CANCELLING', 'KASPI_DELIVERY_RETURN_REQUESTED'], attrs: {}, to: '*' },
};

describe('order state machine: every target from every status', () => {
  for (const [target, rule] of Object.entries(ALLOWED)) {
    for (const from of STATUSES) {
      const allowed = rule.from.includes(from);
      it(`${from} → ${target}: ${allowed ? 'allowed' : 'refused'}`, () => {
        const order = makeOrder(from, rule.order);
        const result = applyStatusChange(
          order,
          { status: target, ...rule.attrs },
          rule.headers ?? noCode,
          ctx,
        );
        expect(result.ok).toBe(allowed);
        if (allowed) {
          if (rule.to !== '*') expect(order.status).toBe(rule.to);
        } else {
          expect(order.status).toBe(from);
          if (!result.ok) expect(result.status).toBe(400);
        }
      });
    }
  }

  it('ARRIVED_BACKWARD ends in CANCELLED from CANCELLING and RETURNED from a return request', () => {
    const a = makeOrder('CANCELLING');
    applyStatusChange(a, { status: 'ARRIVED_BACKWARD' }, noCode, ctx);
    expect(a.status).toBe('CANCELLED');
    const b = makeOrder('KASPI_DELIVERY_RETURN_REQUESTED');
    applyStatusChange(b, { status: 'ARRIVED_BACKWARD' }, noCode, ctx);
    expect(b.status).toBe('RETURNED');
    expect(b.returnedToWarehouse).toBe(true);
  });

  it('refuses an unknown target and a missing status', () => {
    expect(
      applyStatusChange(makeOrder('APPROVED_BY_BANK'), { status: 'SHIPPED' }, noCode, ctx).ok,
    ).toBe(false);
    expect(applyStatusChange(makeOrder('APPROVED_BY_BANK'), {}, noCode, ctx).ok).toBe(false);
  });

  it('completion step 1 only issues a code and keeps the status', () => {
    const order = makeOrder('ACCEPTED_BY_MERCHANT', { securityCode: undefined });
    const result = applyStatusChange(
      order,
      { status: 'COMPLETED' },
      { sendCode: 'true', securityCode: '' },
      ctx,
    );
    expect(result.ok).toBe(true);
    expect(order.securityCode).toBe('5555');
    expect(order.status).toBe('ACCEPTED_BY_MERCHANT');
  });
});
