export type { Fault, FaultKind, FaultMatch } from './faults.js';
export type { SimulatedLatencies, SimulatedLatency } from './latency.js';
export { proxyTo } from './proxy.js';
export { createRandom, type Random } from './random.js';
export { BodyTooLargeError, htmlPage, reply, type SimRequest } from './request.js';
export {
  type RouteHandler,
  type RouteKey,
  type RouteTable,
  type SimRequestRecord,
  type SimServer,
  type SimServerOptions,
  startSimServer,
} from './server.js';
