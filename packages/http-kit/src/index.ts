export type { Answer, Verdict } from './classify.js';
export {
  defineEndpoints,
  type Effect,
  type Endpoint,
  type HttpMethod,
  RESEND_RULES,
  type ResendRule,
} from './endpoint.js';
export { type BrandedClass, HttpKitError, type HttpKitErrorOptions } from './errors.js';
export { type EventHandler, type HttpEvent, safeHandler } from './events.js';
export type { Failure } from './failure.js';
export { type Gate, type GateAttempt, throttleGate } from './gate.js';
export {
  type CallOptions,
  type ClientOptions,
  type FetchLike,
  type RateLimitOptions,
  type ResolvedRetry,
  type RetryOptions,
  resolveRetry,
} from './options.js';
export {
  nextOffset,
  type Paged,
  type PageInfo,
  type PaginateOptions,
  paginate,
} from './paginate.js';
export type { QueryParams, QueryValue } from './query.js';
export {
  createRedactor,
  REDACTED,
  type RedactedRequest,
  type Redactor,
  type RedactorOptions,
} from './redact.js';
export { parseRetryAfter } from './retry-after.js';
export { withRetryTable } from './retry-table.js';
export { anySignal, sleep } from './signal.js';
export {
  createTransport,
  type ErrorFactory,
  type SendInit,
  type Transport,
  type TransportOptions,
} from './transport.js';
