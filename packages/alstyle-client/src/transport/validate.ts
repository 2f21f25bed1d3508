import type { Endpoint, Redactor } from '@kaspi-connect/http-kit';
import { AlStyleOperationError } from '../errors.js';
import { parseOrThrow } from '../schemas/parse.js';

/**
 * Validates an answer against its endpoint's schema. A write answered 200 with `status:false` /
 * `success:false` becomes an `AlStyleOperationError` carrying the body, not a schema error.
 */
export function validateAnswer<O>(endpoint: Endpoint<O>, body: unknown, redactor: Redactor): O {
  if (endpoint.effect !== 'read') {
    const flag = (body as { status?: unknown; success?: unknown } | null) ?? {};
    if (flag.status === false || flag.success === false) {
      const message = (body as { message?: unknown }).message;
      throw new AlStyleOperationError(
        redactor.text(
          `${endpoint.path} refused the operation${typeof message === 'string' ? `: ${message}` : ''}`,
        ),
        { status: 200, body: redactor.value(body) },
      );
    }
  }
  return parseOrThrow(endpoint.response, body, endpoint.path, '', redactor);
}
