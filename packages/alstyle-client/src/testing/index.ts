export type { SimulatedLatencies, SimulatedLatency } from '@kaspi-connect/sim-kit';
export {
  type CatalogueOptions,
  type CatalogueQuirk,
  generateCatalogue,
  type SimulatedBrand,
  type SimulatedCatalogue,
  type SimulatedCategory,
  type SimulatedProduct,
} from './catalogue.js';
export type { AlStyleFault, AlStyleQuirk } from './faults.js';
export { startAlStyleSimulator } from './simulator.js';
export type {
  AlStyleSimulator,
  AlStyleSimulatorOptions,
  SimulatedCartLine,
  SimulatedOrder,
  SimulatorRequest,
} from './types.js';
