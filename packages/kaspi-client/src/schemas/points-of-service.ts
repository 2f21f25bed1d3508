import * as v from 'valibot';
import { AddressSchema, optBool, optStr, RelationshipSchema, str } from './common.js';

export const CityAttributesSchema = v.looseObject({ code: str, name: str, active: optBool });

/** `GET /v2/pointofservices/{id}` and `/v2/orderentries/{id}/deliveryPointOfService`. */
export const PointOfServiceDocumentSchema = v.looseObject({
  data: v.looseObject({
    type: v.literal('pointofservices'),
    id: str,
    attributes: v.looseObject({ address: v.optional(AddressSchema), displayName: optStr }),
    relationships: v.optional(v.looseObject({ city: v.optional(RelationshipSchema) })),
  }),
});

export const CityResourceSchema = v.looseObject({
  type: v.literal('cities'),
  id: str,
  attributes: CityAttributesSchema,
});

/** `GET /v2/pointofservices/{id}/city`. */
export const CityDocumentSchema = v.looseObject({ data: CityResourceSchema });

/** `GET /v2/cities`. */
export const CitiesDocumentSchema = v.looseObject({ data: v.array(CityResourceSchema) });
