import { KASPI_API_ROOT } from './endpoints.js';
import { KaspiError } from './errors.js';

/** Relationship links the client knows how to follow, with the id they carry. */
export type KaspiLinkTarget =
  | { readonly kind: 'orderEntries'; readonly orderId: string }
  | { readonly kind: 'entryProduct'; readonly entryId: string }
  | { readonly kind: 'entryPointOfService'; readonly entryId: string }
  | { readonly kind: 'merchantProduct'; readonly productId: string }
  | { readonly kind: 'pointOfServiceCity'; readonly pointOfServiceId: string }
  | { readonly kind: 'order'; readonly orderId: string };

const PATTERNS: ReadonlyArray<readonly [RegExp, (id: string) => KaspiLinkTarget]> = [
  [/^\/v2\/orders\/([^/?#]+)\/entries$/, (id) => ({ kind: 'orderEntries', orderId: id })],
  [/^\/v2\/orderentries\/([^/?#]+)\/product$/, (id) => ({ kind: 'entryProduct', entryId: id })],
  [
    /^\/v2\/orderentries\/([^/?#]+)\/deliveryPointOfService$/,
    (id) => ({ kind: 'entryPointOfService', entryId: id }),
  ],
  [
    /^\/v2\/masterproducts\/([^/?#]+)\/merchantProduct$/,
    (id) => ({ kind: 'merchantProduct', productId: id }),
  ],
  [
    /^\/v2\/pointofservices\/([^/?#]+)\/city$/,
    (id) => ({ kind: 'pointOfServiceCity', pointOfServiceId: id }),
  ],
  [/^\/v2\/orders\/([^/?#]+)$/, (id) => ({ kind: 'order', orderId: id })],
];

/**
 * Turns a JSON:API link into a path under the API root. Relative links (`/v2/...`) resolve
 * against `https://kaspi.kz/shop/api`; absolute ones must point at Kaspi's API root or the
 * configured `baseUrl`, so the token is never sent to a host named by a response.
 */
export function linkToApiPath(href: string, baseUrl: string): string {
  if (/^https?:\/\//i.test(href)) {
    for (const root of [KASPI_API_ROOT, baseUrl.replace(/\/+$/, '')])
      if (href.startsWith(`${root}/`)) return href.slice(root.length);
    throw new KaspiError(`Refusing to follow a link outside the Kaspi API: ${href}`);
  }
  if (href.startsWith('/shop/api/')) return href.slice('/shop/api'.length);
  if (href.startsWith('/')) return href;
  throw new KaspiError(`Cannot resolve the relationship link ${JSON.stringify(href)}`);
}

/** Recognises a relationship link the client can follow; throws on anything else. */
export function parseKaspiLink(href: string, baseUrl: string): KaspiLinkTarget {
  const path = linkToApiPath(href, baseUrl).split(/[?#]/)[0] ?? '';
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(path);
    if (match?.[1]) return build(decodeURIComponent(match[1]));
  }
  throw new KaspiError(`Unknown Kaspi relationship link: ${href}`);
}
