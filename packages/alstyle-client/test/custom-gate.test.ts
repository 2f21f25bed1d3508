import { describe, expect, it } from 'vitest';
import { createAlStyleClient, type GateAttempt, type RequestGate } from '../src/index.js';
import { fixture, uniqueToken } from './helpers.js';

describe('rateLimit.gate', () => {
  it('runs every request through your gate and tells it about a 403', async () => {
    const calls: string[] = [];
    const gate: RequestGate = {
      spacingMs: 0,
      spacingFrom: 'arrival',
      schedule<T>(task: (attempt?: GateAttempt) => Promise<T>): Promise<T> {
        calls.push('schedule');
        return task({ responded: () => calls.push('responded') });
      },
      rateLimited() {
        calls.push('rate-limited');
      },
    };
    let answered = 0;
    const client = createAlStyleClient({
      token: uniqueToken('gate'),
      fetch: async () => {
        answered += 1;
        return answered === 1
          ? Response.json({ message: 'too fast' }, { status: 403 })
          : Response.json(fixture('brands.json'));
      },
      rateLimit: { gate },
      retry: { rateLimitBackoffMs: 1 },
    });
    expect(await client.getBrands()).toHaveLength(5);
    expect(calls).toEqual(['schedule', 'responded', 'rate-limited', 'schedule', 'responded']);
  });
});
