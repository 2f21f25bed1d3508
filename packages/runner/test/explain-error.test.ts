import {
  AlStyleAuthError,
  AlStyleHttpError,
  AlStyleNetworkError,
} from '@kaspi-connect/alstyle-client';
import { KaspiAuthError } from '@kaspi-connect/kaspi-client';
import { describe, expect, it } from 'vitest';
import { explainError } from '../src/logging/explain-error.js';
import { SupplierReadError } from '../src/pipeline/sync.js';

const request = (url: string) => ({ method: 'GET', url, endpoint: '/api/elements-pagination' });

describe('errors that say what to do', () => {
  it('names the host and the URL without its query, and the /api suffix mistake', () => {
    const cause = new AlStyleHttpError('GET /api/elements-pagination answered HTTP 404', {
      status: 404,
      request: request('https://api.al-style.kz/api/api/elements-pagination?access-token=***'),
    });
    const message = explainError(new SupplierReadError(`alstyle: ${cause.message}`, { cause }));
    expect(message).toContain('(GET https://api.al-style.kz/api/api/elements-pagination?…)');
    expect(message).toContain('remove the "/api" suffix from suppliers.alstyle.baseUrl');
  });

  it('names the env key of a refused token, and never the token', () => {
    const supplier = explainError(
      new AlStyleAuthError('rejected the access token (401)', {
        status: 401,
        request: request('http://127.0.0.1:9/api/quantity-price?access-token=tok-SECRET-9'),
      }),
      ['tok-SECRET-9'],
    );
    expect(supplier).toContain('ALSTYLE_TOKEN');
    expect(supplier).not.toContain('tok-SECRET-9');
    const kaspi = explainError(
      new KaspiAuthError('Kaspi rejected the token (401)', {
        status: 401,
        request: {
          method: 'GET',
          url: `https://kaspi.kz/shop/api/v2/orders?${'filter=x&'.repeat(40)}`,
          endpoint: '/v2/orders',
          headers: {},
        },
      }),
    );
    expect(kaspi).toContain('KASPI_TOKEN');
    expect(kaspi.length).toBeLessThan(300);
  });

  it('names the host of a refused connection', () => {
    const message = explainError(
      new AlStyleNetworkError('failed without a response (ECONNREFUSED)', {
        notSent: true,
        request: request('http://127.0.0.1:39124/api/elements-pagination?limit=250'),
      }),
    );
    expect(message).toContain('Could not reach 127.0.0.1:39124');
  });

  it('leaves other errors as they are, secrets scrubbed', () => {
    expect(explainError(new Error('disk full at tok-SECRET-9'), ['tok-SECRET-9'])).toBe(
      'disk full at [REDACTED]',
    );
  });
});
