import * as v from 'valibot';
import { AlStyleSchemaError } from '../errors.js';
import { redactSecrets, redactValue } from '../redact.js';

/** Renders a valibot issue's location, e.g. `elements.17.quantity`. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  return v.getDotPath(issue) ?? '';
}

function preview(value: unknown): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Builds the error for a failed parse: endpoint, path inside the payload, offending value. */
export function schemaError(
  endpoint: string,
  issues: readonly [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]],
  pathPrefix = '',
  token?: string,
): AlStyleSchemaError {
  const first = issues[0];
  const inner = issuePath(first);
  const path = [pathPrefix, inner].filter((part) => part !== '').join('.');
  const value = redactValue(first.input, token);
  return new AlStyleSchemaError(
    redactSecrets(
      `${endpoint}: unexpected value at ${path === '' ? '(root)' : path}: ${first.message} (got ${preview(value)})`,
      token,
    ),
    // valibot issues hold whole parent objects, so only paths and messages are passed on.
    {
      endpoint,
      path,
      value,
      issues: issues.map((issue) => ({
        path: [pathPrefix, issuePath(issue)].filter((part) => part !== '').join('.'),
        message: redactSecrets(issue.message, token),
        expected: issue.expected,
        received: redactSecrets(issue.received, token),
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
  token?: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw schemaError(endpoint, result.issues, pathPrefix, token);
}
