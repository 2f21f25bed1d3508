import type {
  CallOptions,
  Endpoint,
  QueryParams,
  Redactor,
  SendInit,
  Transport,
} from '@kaspi-connect/http-kit';
import * as v from 'valibot';
import type { ElementInfoField } from '../additional-fields.js';
import type { QueryOf } from '../endpoints.js';
import type { AlStyleSchemaError } from '../errors.js';
import type { AlStyleLogger } from '../events.js';
import type { paths } from '../generated/alstyle-api.generated.js';
import type { InvalidItemPolicy } from '../options.js';
import { schemaError } from '../schemas/parse.js';
import { type AlStyleProduct, normaliseProduct, rawProductSchema } from '../schemas/product.js';
import { articleKeySchema } from '../schemas/stock.js';

/** What every resource module works with; built once per client. */
export interface ResourceContext {
  readonly transport: Transport;
  readonly redactor: Redactor;
  readonly invalidItems: InvalidItemPolicy;
  readonly onEvent: AlStyleLogger | undefined;
  readonly onInvalidItem: ((error: AlStyleSchemaError) => void) | undefined;
}

/** Sends one call with the caller's `signal` and `timeoutMs`; returns the validated answer. */
export function call<P extends keyof paths, O>(
  ctx: ResourceContext,
  endpoint: Endpoint<O> & { readonly path: P },
  opts: CallOptions,
  query?: QueryOf<P>,
  body?: SendInit['body'],
): Promise<O> {
  const { signal, timeoutMs } = opts;
  // Every spec query value is a kit query value; TS cannot see it through the generic path.
  const params = query as QueryParams | undefined;
  return ctx.transport.request(endpoint, { query: params, body, signal, timeoutMs });
}

/** Splits `items` into runs of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function reportInvalid(
  ctx: ResourceContext,
  endpoint: string,
  error: AlStyleSchemaError,
  article: number | undefined,
): void {
  if (ctx.invalidItems === 'throw') throw error;
  ctx.onEvent?.({ type: 'data.invalid', endpoint, article, error });
  ctx.onInvalidItem?.(error);
}

/**
 * Reads an `{ "<article>": value }` response entry by entry: a bad entry is reported (or thrown,
 * by the `invalidItems` policy) and skipped, never fatal to the rest.
 */
export function collectKeyed<TInput, TOutput>(
  ctx: ResourceContext,
  endpoint: string,
  keyed: Record<string, unknown>,
  schema: v.GenericSchema<unknown, TInput>,
  toValue: (article: number, entry: TInput) => TOutput,
  out: Map<number, TOutput>,
): void {
  for (const [key, value] of Object.entries(keyed)) {
    const article = v.safeParse(articleKeySchema, key);
    const entry = v.safeParse(schema, value);
    if (article.success && entry.success) {
      out.set(article.output, toValue(article.output, entry.output));
      continue;
    }
    const issues = article.success ? (entry.success ? undefined : entry.issues) : article.issues;
    if (issues) {
      const error = schemaError(endpoint, issues, key, ctx.redactor);
      reportInvalid(ctx, endpoint, error, article.success ? article.output : undefined);
    }
  }
}

/** Validates products one by one; a bad one is reported and skipped, never fatal to the rest. */
export function parseProducts<F extends ElementInfoField>(
  ctx: ResourceContext,
  endpoint: string,
  items: readonly unknown[],
  fields: readonly F[],
  pathPrefix = '',
): { products: AlStyleProduct<F>[]; skipped: AlStyleSchemaError[] } {
  const products: AlStyleProduct<F>[] = [];
  const skipped: AlStyleSchemaError[] = [];
  items.forEach((item, index) => {
    const result = v.safeParse(rawProductSchema, item);
    if (result.success) {
      products.push(normaliseProduct(result.output, fields));
      return;
    }
    const error = schemaError(endpoint, result.issues, `${pathPrefix}${index}`, ctx.redactor);
    const article = (item as { article?: unknown } | null)?.article;
    reportInvalid(ctx, endpoint, error, typeof article === 'number' ? article : undefined);
    skipped.push(error);
  });
  return { products, skipped };
}
