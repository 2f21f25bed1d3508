import * as v from 'valibot';
import { type KaspiIssue, KaspiResponseValidationError } from '../errors.js';
import { redactText, redactValue } from '../redact.js';

/** Valibot issues as {@link KaspiIssue}s, paths dotted. */
export function toKaspiIssues(issues: readonly v.BaseIssue<unknown>[]): KaspiIssue[] {
  return issues.map((issue) => ({
    path: issue.path?.map((p) => String(p.key)).join('.') ?? '(root)',
    message: issue.message,
    expected: issue.expected,
    received: issue.received,
  }));
}

/** Validates a 200 body, throwing {@link KaspiResponseValidationError} with every issue. */
export function validateResponse<S extends v.GenericSchema>(
  schema: S,
  data: unknown,
  response: Response | undefined,
  method: string,
  secrets: readonly string[],
): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issues = toKaspiIssues(result.issues);
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  const url = response ? redactText(response.url, secrets) : '';
  throw new KaspiResponseValidationError(
    `Kaspi ${method} ${url} returned an unexpected shape: ${shown.join('; ')}`,
    { issues, body: redactValue(data, secrets), status: response?.status },
  );
}
