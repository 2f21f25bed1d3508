import * as v from 'valibot';
import {
  IncludedResourceSchema,
  LinksSchema,
  optBool,
  optNullStr,
  optNum,
  optStr,
  RelationshipSchema,
  str,
} from './common.js';

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

/** Raw entry resource as validated. */
export type OrderEntryResource = v.InferOutput<typeof OrderEntryResourceSchema>;
