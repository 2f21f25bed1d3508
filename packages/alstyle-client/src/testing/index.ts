export {
  type CatalogueOptions,
  type CatalogueQuirk,
  generateCatalogue,
  type SimulatedBrand,
  type SimulatedCatalogue,
  type SimulatedCategory,
  type SimulatedProduct,
} from './catalogue.js';
export type { AlStyleFault } from './faults.js';
export type { SimulatedLatencies, SimulatedLatency } from './latency.js';
export {
  type AlStyleSimulator,
  type AlStyleSimulatorOptions,
  type SimulatedCartLine,
  type SimulatedOrder,
  type SimulatorRequest,
  startAlStyleSimulator,
} from './simulator.js';
