import type { Redactor } from '@kaspi-connect/http-kit';
import * as v from 'valibot';
import { type KaspiIssue, KaspiResponseValidationError } from '../errors.js';

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
  where: { readonly method: string; readonly url: string; readonly status?: number | undefined },
  redactor: Redactor,
): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issues = toKaspiIssues(result.issues);
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  throw new KaspiResponseValidationError(
    `Kaspi ${where.method} ${redactor.text(where.url)} returned an unexpected shape: ${shown.join('; ')}`,
    { issues, body: redactor.value(data), status: where.status },
  );
}
