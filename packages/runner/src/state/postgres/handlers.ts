import { activityHandlers } from './activity.js';
import { leaseHandlers } from './lease.js';
import { metaHandlers } from './meta.js';
import { orderHandlers } from './orders.js';
import { runHandlers } from './runs.js';
import { skuHandlers } from './sku-map.js';
import { targetOutboxHandlers } from './target-outbox.js';

/** Every store call the worker answers, by name: each is one message, its whole logic inside. */
export const handlers = {
  ...runHandlers,
  ...skuHandlers,
  ...orderHandlers,
  ...metaHandlers,
  ...leaseHandlers,
  ...targetOutboxHandlers,
  ...activityHandlers,
};

/** The worker's call table. */
export type Handlers = typeof handlers;
/** A call's name. */
export type Method = keyof Handlers;
/** A call's arguments after the context. */
export type Args<M extends Method> = Handlers[M] extends (ctx: never, ...args: infer A) => unknown
  ? A
  : never;
/** A call's answer. */
export type Result<M extends Method> = Awaited<ReturnType<Handlers[M]>>;
