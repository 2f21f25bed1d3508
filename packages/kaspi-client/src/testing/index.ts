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
export type { LinkStyle } from './serialize.js';
export {
  type BuyerOrderInput,
  type BuyerOrderItem,
  type KaspiSimulator,
  type KaspiSimulatorFault,
  type KaspiSimulatorOptions,
  type PriceListLoadReport,
  type SimulatedOrder,
  SimulatorRefusal,
  type SimulatorRequestRecord,
  startKaspiSimulator,
} from './simulator.js';
export { TITLES as KASPI_ERROR_TITLES } from './titles.js';
