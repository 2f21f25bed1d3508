export { type Answer, parseRetryAfter, type Verdict } from './classify.js';
export {
  defineEndpoints,
  type Effect,
  type Endpoint,
  type HttpMethod,
  RESEND_RULES,
} from './endpoint.js';
export { HttpKitError, type HttpKitErrorOptions } from './errors.js';
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
export { nextOffset, type Paged, type PageInfo, paginate } from './paginate.js';
export type { QueryParams } from './query.js';
export { createRedactor, REDACTED, type RedactedRequest, type Redactor } from './redact.js';
export { withRetryTable } from './retry-table.js';
export { anySignal, sleep } from './signal.js';
export {
  createTransport,
  type ErrorFactory,
  type SendInit,
  type Transport,
  type TransportOptions,
} from './transport.js';
