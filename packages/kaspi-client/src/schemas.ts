import * as v from 'valibot';

// Response schemas: loose objects (Kaspi adds fields), strict only where the client relies on a
// field. Everything from the wire passes through one of these before the client trusts it.

const str = v.string();
const optStr = v.optional(v.string());
const optNullStr = v.optional(v.nullable(v.string()));
const optNum = v.optional(v.number());
const optBool = v.optional(v.boolean());

/** JSON:API `links`. */
export const LinksSchema = v.looseObject({ self: optStr, related: optStr });

/** `{ type, id }`. */
export const ResourceIdentifierSchema = v.looseObject({ type: str, id: str });

/** A JSON:API relationship: links and/or data. */
export const RelationshipSchema = v.looseObject({
  links: v.optional(LinksSchema),
  data: v.optional(
    v.nullable(v.union([ResourceIdentifierSchema, v.array(ResourceIdentifierSchema)])),
  ),
});

/** Street address (delivery address, point of service, origin address). */
export const AddressSchema = v.looseObject({
  streetName: optStr,
  streetNumber: optStr,
  town: optStr,
  district: optNullStr,
  building: optNullStr,
  apartment: optNullStr,
  formattedAddress: optStr,
  latitude: optNum,
  longitude: optNum,
});

/** The buyer as embedded in an order. */
export const CustomerSchema = v.looseObject({
  id: optStr,
  name: optNullStr,
  cellPhone: optStr,
  firstName: optNullStr,
  lastName: optNullStr,
});

/** City attributes. */
export const CityAttributesSchema = v.looseObject({ code: str, name: str, active: optBool });

/** Kaspi Delivery block (also read from top-level attributes, see model). */
export const KaspiDeliverySchema = v.looseObject({
  waybill: optNullStr,
  courierTransmissionDate: v.optional(v.nullable(v.number())),
  courierTransmissionPlanningDate: v.optional(v.nullable(v.number())),
  waybillNumber: optNullStr,
  express: optBool,
  returnedToWarehouse: optBool,
  firstMileCourier: v.optional(v.unknown()),
});

/** Order attributes; only `code` is required. */
export const OrderAttributesSchema = v.looseObject({
  code: str,
  totalPrice: optNum,
  paymentMode: optStr,
  creationDate: optNum,
  approvedByBankDate: optNum,
  plannedDeliveryDate: v.optional(v.nullable(v.number())),
  reservationDate: v.optional(v.nullable(v.number())),
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
  originAddress: v.optional(
    v.nullable(
      v.looseObject({
        id: optStr,
        displayName: optStr,
        address: v.optional(AddressSchema),
        city: v.optional(
          v.looseObject({ id: optStr, code: optStr, name: optStr, active: optBool }),
        ),
      }),
    ),
  ),
  kaspiDelivery: v.optional(v.nullable(KaspiDeliverySchema)),
  waybill: optNullStr,
  courierTransmissionDate: v.optional(v.nullable(v.number())),
  courierTransmissionPlanningDate: v.optional(v.nullable(v.number())),
  waybillNumber: optNullStr,
  express: optBool,
  returnedToWarehouse: optBool,
  assembled: optBool,
  cancellationReason: optNullStr,
  numberOfSpace: v.optional(v.union([v.number(), v.string()])),
});

/** One `orders` resource. */
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

/** Entry attributes. */
export const OrderEntryAttributesSchema = v.looseObject({
  quantity: v.number(),
  basePrice: optNum,
  totalPrice: optNum,
  weight: optNum,
  minAllowedWeight: optNum,
  entryNumber: optNum,
  unitType: optStr,
  category: v.optional(v.looseObject({ code: optStr, title: optStr })),
  deliveryCost: optNum,
  offer: v.optional(v.looseObject({ code: optStr, name: optStr, isImeiRequired: optBool })),
  isImeiRequired: optBool,
});

/** One `orderentries` resource. */
export const OrderEntryResourceSchema = v.looseObject({
  type: v.literal('orderentries'),
  id: str,
  attributes: OrderEntryAttributesSchema,
  relationships: v.optional(
    v.looseObject({
      product: v.optional(RelationshipSchema),
      deliveryPointOfService: v.optional(RelationshipSchema),
    }),
  ),
  links: v.optional(LinksSchema),
});

/** Anything in `included`; typed further by its `type`. */
export const IncludedResourceSchema = v.looseObject({
  type: str,
  id: str,
  attributes: v.optional(v.record(v.string(), v.unknown())),
  relationships: v.optional(v.unknown()),
  links: v.optional(LinksSchema),
});

/** `meta` of a list page. */
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

/** `GET /v2/orders/{id}/entries`. */
export const OrderEntriesDocumentSchema = v.looseObject({
  data: v.array(OrderEntryResourceSchema),
  included: v.optional(v.array(IncludedResourceSchema)),
});

/** `GET /v2/orderentries/{id}`. */
export const OrderEntryDocumentSchema = v.looseObject({ data: OrderEntryResourceSchema });

/** `GET /v2/orderentries/{id}/product`. */
export const MasterProductDocumentSchema = v.looseObject({
  data: v.looseObject({
    type: v.literal('masterproducts'),
    id: str,
    attributes: v.looseObject({
      code: optStr,
      name: optStr,
      manufacturer: optStr,
      category: optStr,
    }),
    relationships: v.optional(v.looseObject({ merchantProduct: v.optional(RelationshipSchema) })),
  }),
});

/** `GET /v2/masterproducts/{id}/merchantProduct`; `data` may be null. */
export const MerchantProductDocumentSchema = v.looseObject({
  data: v.nullable(
    v.looseObject({
      type: v.literal('merchantproducts'),
      id: str,
      attributes: v.looseObject({ code: str, name: optStr, manufacturer: optStr }),
    }),
  ),
});

/** `GET /v2/pointofservices/{id}` and `/v2/orderentries/{id}/deliveryPointOfService`. */
export const PointOfServiceDocumentSchema = v.looseObject({
  data: v.looseObject({
    type: v.literal('pointofservices'),
    id: str,
    attributes: v.looseObject({ address: v.optional(AddressSchema), displayName: optStr }),
    relationships: v.optional(v.looseObject({ city: v.optional(RelationshipSchema) })),
  }),
});

/** One `cities` resource. */
export const CityResourceSchema = v.looseObject({
  type: v.literal('cities'),
  id: str,
  attributes: CityAttributesSchema,
});

/** `GET /v2/pointofservices/{id}/city`. */
export const CityDocumentSchema = v.looseObject({ data: CityResourceSchema });

/** `GET /v2/cities`. */
export const CitiesDocumentSchema = v.looseObject({ data: v.array(CityResourceSchema) });

/** `POST /v2/orders` response. */
export const StatusChangeResponseSchema = v.looseObject({
  data: v.looseObject({
    type: optStr,
    id: optStr,
    attributes: v.optional(v.record(v.string(), v.unknown())),
  }),
});

/** `POST /v2/orderEntryCancelOperation` response. */
export const EntryCancelResponseSchema = v.looseObject({
  data: v.looseObject({
    type: optStr,
    id: optStr,
    attributes: v.looseObject({ remainedQuantity: optNum, remainedWeight: optNum, status: str }),
  }),
});

/** `PUT /orderPartialCancel/{orderId}` response. */
export const PartialCancelResponseSchema = v.looseObject({
  orderCancelEntries: v.optional(
    v.array(
      v.looseObject({
        id: optStr,
        entry: v.optional(v.looseObject({ id: str })),
        remainedQuantity: optNum,
        remainedWeight: optNum,
        reason: optNullStr,
        notes: optNullStr,
      }),
    ),
  ),
  status: str,
});

/** Product import status. */
export const ImportStatusSchema = v.looseObject({ code: str, status: str, description: optStr });

/** Product import result. */
export const ImportResultSchema = v.looseObject({
  errors: optNum,
  warnings: optNum,
  skipped: optNum,
  total: optNum,
  result: v.optional(
    v.record(v.string(), v.looseObject({ state: optStr, errors: v.optional(v.unknown()) })),
  ),
});

/** Classification categories. */
export const CategoriesSchema = v.array(v.looseObject({ code: str, title: str }));

/** Attributes of a category. */
export const CategoryAttributesSchema = v.array(
  v.looseObject({ code: str, type: optStr, multiValued: optBool, mandatory: optBool }),
);

/** Allowed values of an enum attribute. */
export const AttributeValuesSchema = v.array(v.looseObject({ code: str, name: str }));

/** JSON:API error body. */
export const ErrorDocumentSchema = v.looseObject({
  errors: v.array(v.looseObject({ title: optStr, detail: optStr })),
});

/** Raw order resource as validated. */
export type OrderResource = v.InferOutput<typeof OrderResourceSchema>;
/** Raw entry resource as validated. */
export type OrderEntryResource = v.InferOutput<typeof OrderEntryResourceSchema>;
/** Raw included resource as validated. */
export type IncludedResource = v.InferOutput<typeof IncludedResourceSchema>;
