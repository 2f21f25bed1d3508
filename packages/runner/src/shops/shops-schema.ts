import * as v from 'valibot';

/** A shop id: lower-case letters, digits and `-`; it names the feed's URL `/<id>/kaspi.xml`. */
export const SHOP_ID = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** A config section of one shop: checked in full once merged over the shared one. */
const section = (name: string) =>
  v.pipe(
    v.record(v.string(), v.unknown(), `expected a ${name} section (an object)`),
    v.description(
      `This shop's \`${name}\` section, merged over the top-level one (objects key by key, lists replaced); the merged result is checked like a single-shop config.`,
    ),
  );

const envNameSchema = (what: string, fallback: string) =>
  v.optional(
    v.pipe(
      v.string(`expected the name of an environment variable holding ${what}`),
      v.regex(
        /^[A-Z_][A-Z0-9_]*$/,
        'expected an environment variable name such as "KASPI_TOKEN_SHOP1"',
      ),
      v.description(
        `Environment variable holding this shop's ${what}; default \`${fallback}_<ID>\` (the id upper-cased, \`-\` as \`_\`)${fallback === 'ALSTYLE_TOKEN' ? ', then the shared `ALSTYLE_TOKEN`' : ''}.`,
      ),
    ),
  );

const shopEntrySchema = v.strictObject({
  id: v.pipe(
    v.string('expected a shop id (a string)'),
    v.regex(
      SHOP_ID,
      'expected a shop id of lower-case letters, digits and "-", such as "tech-almaty"',
    ),
    v.description(
      'Names the shop in the database, the job queue, logs and its feed URL `/<id>/kaspi.xml`. Never change it.',
    ),
  ),
  shop: v.optional(section('shop')),
  suppliers: v.optional(section('suppliers')),
  pricing: v.optional(section('pricing')),
  filters: v.optional(section('filters')),
  stock: v.optional(section('stock')),
  guards: v.optional(section('guards')),
  orders: v.optional(section('orders')),
  schedule: v.optional(section('schedule')),
  feed: v.optional(section('feed')),
  server: v.optional(section('server')),
  cards: v.optional(section('cards')),
  env: v.optional(
    v.pipe(
      v.strictObject({
        alstyleToken: envNameSchema('Al-Style token', 'ALSTYLE_TOKEN'),
        kaspiToken: envNameSchema('Kaspi API token', 'KASPI_TOKEN'),
        feedPassword: envNameSchema('feed password', 'FEED_PASSWORD'),
      }),
      v.description("Where this shop's secrets are read from."),
    ),
  ),
});

/**
 * `shops`: many shops in one deployment (`kaspi-connect worker`). The top-level sections are the
 * shared defaults; each entry overrides what differs (at least `shop.merchantId`).
 */
export const shopsSchema = v.optional(
  v.pipe(
    v.array(
      shopEntrySchema,
      'expected a list of shops such as [{ id: "shop1", shop: { merchantId: "…" } }]',
    ),
    v.minLength(1, 'expected at least one shop'),
    v.description(
      'Many shops in one deployment, run by `kaspi-connect worker` on PostgreSQL. The top-level sections are shared defaults; each shop overrides what differs. Leave it out for one shop.',
    ),
  ),
);

/** One entry of `shops` as written. */
export type ShopEntry = v.InferOutput<typeof shopEntrySchema>;
