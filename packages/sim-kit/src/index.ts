export { type Connection, defaultStatusReply, type StatusFaultReply } from './apply-fault.js';
export {
  type Fault,
  type FaultKind,
  type FaultMatch,
  FaultQueue,
  TRANSPORT_FAULTS,
} from './faults.js';
export {
  delay,
  type LatencyDraw,
  LatencyModel,
  type SimulatedLatencies,
  type SimulatedLatency,
} from './latency.js';
export type {
  Arrival,
  RouteHandler,
  RouteKey,
  RouteMethod,
  RouteTable,
  SimServerOptions,
} from './options.js';
export { proxyTo } from './proxy.js';
export { createRandom, type Random } from './random.js';
export { REDACTED, type SimRequestRecord } from './record.js';
export { htmlPage, reply } from './reply.js';
export { BodyTooLargeError, type SimRequest } from './request.js';
export { type SimServer, startSimServer } from './server.js';
