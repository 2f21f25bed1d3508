import type { Endpoint, Redactor } from '@kaspi-connect/http-kit';
import * as v from 'valibot';
import { AlStyleOperationError, AlStyleSchemaError } from '../errors.js';
import { tokenRedactor } from '../redact.js';

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The issue's dotted path (e.g. `elements.17.quantity`) below `prefix`. */
const join = (prefix: string, issue: v.BaseIssue<unknown>): string =>
  [prefix, v.getDotPath(issue) ?? ''].filter((part) => part !== '').join('.');

/** Builds the error for a failed parse: endpoint, path inside the payload, offending value. */
export function schemaError(
  endpoint: string,
  issues: readonly [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]],
  pathPrefix = '',
  redactor: Redactor = tokenRedactor(),
): AlStyleSchemaError {
  const first = issues[0];
  const path = join(pathPrefix, first);
  const value = redactor.value(first.input);
  return new AlStyleSchemaError(
    redactor.text(
      `${endpoint}: unexpected value at ${path === '' ? '(root)' : path}: ${first.message} (got ${preview(value)})`,
    ),
    // valibot issues hold whole parent objects, so only paths and messages are passed on.
    {
      endpoint,
      path,
      value,
      issues: issues.map((issue) => ({
        path: join(pathPrefix, issue),
        message: redactor.text(issue.message),
        expected: issue.expected,
        received: redactor.text(issue.received),
      })),
    },
  );
}

/** Validates `input` against `schema` or throws `AlStyleSchemaError`. */
export function parseOrThrow<const S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  endpoint: string,
  pathPrefix = '',
  redactor?: Redactor,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw schemaError(endpoint, result.issues, pathPrefix, redactor);
}

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
