import * as v from 'valibot';
import {
  AddressSchema,
  IncludedResourceSchema,
  LinksSchema,
  optBool,
  optNullStr,
  optNum,
  optStr,
  RelationshipSchema,
  str,
} from './common.js';

const optNullNum = v.optional(v.nullable(v.number()));

/** The buyer as embedded in an order. */
export const CustomerSchema = v.looseObject({
  id: optStr,
  name: optNullStr,
  cellPhone: optStr,
  firstName: optNullStr,
  lastName: optNullStr,
});

/** Kaspi Delivery block (also read from top-level attributes, see model). */
export const KaspiDeliverySchema = v.looseObject({
  waybill: optNullStr,
  courierTransmissionDate: optNullNum,
  courierTransmissionPlanningDate: optNullNum,
  waybillNumber: optNullStr,
  express: optBool,
  returnedToWarehouse: optBool,
  firstMileCourier: v.optional(v.unknown()),
});

const OriginAddressSchema = v.looseObject({
  id: optStr,
  displayName: optStr,
  address: v.optional(AddressSchema),
  city: v.optional(v.looseObject({ id: optStr, code: optStr, name: optStr, active: optBool })),
});

/** Order attributes; only `code` is required. */
export const OrderAttributesSchema = v.looseObject({
  code: str,
  totalPrice: optNum,
  paymentMode: optStr,
  creationDate: optNum,
  approvedByBankDate: optNum,
  plannedDeliveryDate: optNullNum,
  reservationDate: optNullNum,
  deliveryMode: optStr,
  isKaspiDelivery: optBool,
  deliveryCost: optNum,
  deliveryCostForSeller: optNum,
  deliveryCostPrePaid: optBool,
  deliveryAddress: v.optional(v.nullable(AddressSchema)),
  signatureRequired: optBool,
  creditTerm: optNum,
  preOrder: optBool,
  pickupPointId: optNullStr,
  state: optStr,
  status: optStr,
  customer: v.optional(CustomerSchema),
  originAddress: v.optional(v.nullable(OriginAddressSchema)),
  kaspiDelivery: v.optional(v.nullable(KaspiDeliverySchema)),
  // Older answers carry the Kaspi Delivery fields at the top level.
  ...KaspiDeliverySchema.entries,
  assembled: optBool,
  cancellationReason: optNullStr,
  numberOfSpace: v.optional(v.union([v.number(), v.string()])),
});

export const OrderResourceSchema = v.looseObject({
  type: v.literal('orders'),
  id: str,
  attributes: OrderAttributesSchema,
  relationships: v.optional(
    v.looseObject({
      entries: v.optional(RelationshipSchema),
      user: v.optional(RelationshipSchema),
    }),
  ),
  links: v.optional(LinksSchema),
});

export const MetaSchema = v.looseObject({ pageCount: v.number(), totalCount: optNum });

/** `GET /v2/orders`. */
export const OrdersDocumentSchema = v.looseObject({
  data: v.array(OrderResourceSchema),
  included: v.optional(v.array(IncludedResourceSchema)),
  meta: v.optional(MetaSchema),
});

/** `GET /v2/orders/{id}`. */
export const OrderDocumentSchema = v.looseObject({
  data: OrderResourceSchema,
  included: v.optional(v.array(IncludedResourceSchema)),
});

/** `POST /v2/orders` response (a status change). */
export const StatusChangeResponseSchema = v.looseObject({
  data: v.looseObject({
    type: optStr,
    id: optStr,
    attributes: v.optional(v.record(v.string(), v.unknown())),
  }),
});

/** Raw order resource as validated. */
export type OrderResource = v.InferOutput<typeof OrderResourceSchema>;
