export type { SimulatedLatencies, SimulatedLatency } from '@kaspi-connect/sim-kit';
export * from './categories.js';
export {
  type OfferPolicy,
  type PriceListAvailability,
  type PriceListDocument,
  type PriceListOffer,
  PriceListParseError,
  type PriceListSource,
  type RefusedOffer,
  type RejectedOffer,
  readPriceList,
  type SimulatedOffer,
} from './price-list.js';
export {
  checkImportItem,
  SIM_IMPORT_SCHEMA,
  type SimImportLine,
  type SimImportRules,
} from './product-import.js';
export type { LinkStyle } from './serialize.js';
export { startKaspiSimulator } from './simulator.js';
export { TITLES as KASPI_ERROR_TITLES } from './titles.js';
export type * from './types.js';
export { SimulatorRefusal } from './world.js';
