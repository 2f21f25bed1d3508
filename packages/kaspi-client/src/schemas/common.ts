import * as v from 'valibot';

// Response schemas: loose objects (Kaspi adds fields), strict only where the client relies on a
// field. Everything from the wire passes through one of these before the client trusts it.
// The short names below are the field shapes every schema repeats.

export const str = v.string();
export const optStr = v.optional(v.string());
export const optNullStr = v.optional(v.nullable(v.string()));
export const optNum = v.optional(v.number());
export const optBool = v.optional(v.boolean());

/** JSON:API `links`. */
export const LinksSchema = v.looseObject({ self: optStr, related: optStr });

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

/** Anything in `included`; typed further by its `type`. */
export const IncludedResourceSchema = v.looseObject({
  type: str,
  id: str,
  attributes: v.optional(v.record(v.string(), v.unknown())),
  relationships: v.optional(v.unknown()),
  links: v.optional(LinksSchema),
});

/** JSON:API error body. */
export const ErrorDocumentSchema = v.looseObject({
  errors: v.array(v.looseObject({ title: optStr, detail: optStr })),
});

/** Raw included resource as validated. */
export type IncludedResource = v.InferOutput<typeof IncludedResourceSchema>;
