export {
  SIM_CATEGORIES,
  type SimulatedAttribute,
  type SimulatedCategory,
  simCategoryAttributes,
} from './categories.js';
export type { SimulatedLatencies, SimulatedLatency } from './latency.js';
export type { OfferPolicy, RejectedOffer, SimulatedOffer } from './offers.js';
export type { PriceListSource } from './pricelist-loader.js';
export {
  type PriceListAvailability,
  type PriceListDocument,
  type PriceListOffer,
  PriceListParseError,
  type RefusedOffer,
  readPriceList,
} from './pricelist-reader.js';
export {
  checkImportItem,
  importResultOf,
  SIM_IMPORT_SCHEMA,
  type SimImportLine,
  type SimImportRules,
} from './product-import.js';
export type { LinkStyle } from './serialize.js';
export {
  type BuyerOrderInput,
  type BuyerOrderItem,
  type KaspiSimulator,
  type KaspiSimulatorFault,
  type KaspiSimulatorOptions,
  type PriceListLoadReport,
  type SimulatedOrder,
  type SimulatedProductImport,
  SimulatorRefusal,
  type SimulatorRequestRecord,
  startKaspiSimulator,
} from './simulator.js';
export { TITLES as KASPI_ERROR_TITLES } from './titles.js';
