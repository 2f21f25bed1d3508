import * as v from 'valibot';

export const int = v.pipe(v.number(), v.integer());

/** `/api/categories` item. */
export const categorySchema = v.pipe(
  v.object({
    id: int,
    name: v.string(),
    left: int,
    right: int,
    level: v.pipe(int, v.minValue(1)),
    elements: v.optional(int, 0),
  }),
  v.transform(({ elements, ...c }) => ({ ...c, productCount: elements })),
);

/**
 * A category from the flat nested set: `left` and `right` are its bounds, `level` its depth from
 * 1, `productCount` the products directly in it (often 0 for top-level nodes).
 */
export type AlStyleCategory = Readonly<v.InferOutput<typeof categorySchema>>;

/** `/api/categories` response. */
export const categoriesSchema = v.array(categorySchema);

/** `/api/brands` response. */
export const brandsSchema = v.pipe(
  v.looseObject({
    status: v.optional(v.boolean()),
    data: v.array(
      v.looseObject({ id: v.string(), name: v.nullish(v.string(), ''), count: v.optional(int, 0) }),
    ),
  }),
  v.transform((r) => r.data.map((b) => ({ id: b.id, name: b.name, productCount: b.count }))),
);

/** `/api/brands` item: `id` is the GUID the `brand` filter takes; `name` may be empty. */
export type AlStyleBrand = Readonly<v.InferOutput<typeof brandsSchema>[number]>;

/** `/api/properties` response. */
export const propertiesSchema = v.pipe(
  v.looseObject({
    elements: v.array(
      v.looseObject({
        article: int,
        properties: v.array(
          v.object({
            id: v.optional(int),
            name: v.string(),
            value: v.union([v.string(), v.number()]),
            sort: v.optional(v.number(), 0),
          }),
        ),
      }),
    ),
  }),
  v.transform((r) =>
    r.elements.map((e) => ({
      article: e.article,
      properties: e.properties.map(({ id, ...p }) => ({ ...p, id: id ?? null })),
    })),
  ),
);

/** `/api/properties` item: an article and its property rows. */
export type AlStyleProductProperties = Readonly<v.InferOutput<typeof propertiesSchema>[number]>;
/** One property row of `/api/properties` (`id` is `null` when the API sends none). */
export type AlStyleProperty = Readonly<AlStyleProductProperties['properties'][number]>;

/** `/api/warehouses` response. */
export const warehousesSchema = v.pipe(
  v.record(
    v.string(),
    v.object({
      name: v.string(),
      phone: v.nullish(v.string(), null),
      city: v.nullish(v.string(), null),
      full_address: v.nullish(v.string(), null),
      full_name: v.nullish(v.string(), null),
      lat: v.nullish(v.number(), null),
      lng: v.nullish(v.number(), null),
    }),
  ),
  v.transform((r) =>
    Object.entries(r).map(([code, { full_address, full_name, ...w }]) => ({
      code,
      ...w,
      address: full_address,
      contactPerson: full_name,
    })),
  ),
);

/** A warehouse from `/api/warehouses`: its code (the key of the answer) and its fields. */
export type AlStyleWarehouse = Readonly<v.InferOutput<typeof warehousesSchema>[number]>;

/** `/api/images`: a flat URL list, or an object keyed by article. */
export const imagesSchema = v.union([
  v.array(v.string()),
  v.record(v.string(), v.array(v.string())),
]);

/** `/api/date`: the documentation shows no example, so any non-empty JSON value is accepted. */
export const dateSchema = v.pipe(
  v.union([v.string(), v.number(), v.record(v.string(), v.unknown()), v.array(v.unknown())]),
  v.check((value) => value !== '', 'empty freshness marker'),
);

/** `/api/elements-pagination` envelope (products are validated one by one). */
export const elementsPageSchema = v.looseObject({
  elements: v.array(v.unknown()),
  pagination: v.looseObject({
    totalCount: v.pipe(int, v.minValue(0)),
    totalPages: v.optional(int),
    currentPage: v.optional(int),
    limit: v.optional(int),
    offset: v.optional(int),
  }),
});

/** `/api/elements`: a flat array, or the documentation's array inside an array. */
export const elementsSchema = v.pipe(
  v.array(v.unknown()),
  v.transform((items) =>
    items.length === 1 && Array.isArray(items[0]) ? (items[0] as unknown[]) : items,
  ),
);

/**
 * `/api/element-info`: an array, or a "no match" answer (a string, `null`, or an object that says
 * `status: "error" | false` / `success: false`). Any other object is a schema error, so an
 * unexpected wrapper never silently turns products into `[]`.
 */
export const elementInfoSchema = v.union([
  v.array(v.unknown()),
  v.pipe(
    v.union([
      v.string(),
      v.null(),
      v.looseObject({ status: v.union([v.literal('error'), v.literal(false)]) }),
      v.looseObject({ success: v.literal(false) }),
    ]),
    v.transform((): unknown[] => []),
  ),
]);
