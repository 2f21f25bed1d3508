import type { ClientOptions, CallOptions as KitCallOptions, Paged } from '@kaspi-connect/http-kit';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { components, paths } from '../src/generated/alstyle-api.generated.js';
import {
  type AdditionalField,
  type AlStyleClient,
  type AlStyleClientOptions,
  type AlStyleError,
  type AlStyleEvent,
  type AlStyleOrderStatus,
  type AlStyleProduct,
  type AlStyleProductPage,
  type AlStyleSchemaError,
  type AlStyleStockAndPrice,
  type CallOptions,
  createAlStyleClient,
  type Quantity,
} from '../src/index.js';
import type { rawProductSchema } from '../src/schemas/product.js';
import { type AlStyleSimulator, startAlStyleSimulator } from '../src/testing/index.js';

declare const client: AlStyleClient;

describe('public API types', () => {
  it('speaks the kit option vocabulary', () => {
    expectTypeOf<AlStyleClientOptions>().toExtend<ClientOptions<AlStyleEvent>>();
    expectTypeOf<CallOptions>().toEqualTypeOf<KitCallOptions>();
    expectTypeOf<AlStyleClientOptions['timeoutMs']>().toEqualTypeOf<number | undefined>();
  });

  it('createAlStyleClient needs a token and returns the client', () => {
    expectTypeOf(createAlStyleClient).parameter(0).toHaveProperty('token').toEqualTypeOf<string>();
    expectTypeOf(createAlStyleClient).returns.toEqualTypeOf<AlStyleClient>();
  });

  it('iterateProducts carries exactly the requested additional fields', () => {
    const products = client.iterateProducts({ fields: ['brand', 'images'] });
    expectTypeOf(products).toEqualTypeOf<
      Paged<AlStyleProduct<'brand' | 'images'>, AlStyleProductPage<'brand' | 'images'>>
    >();
    type P = AlStyleProduct<'brand' | 'images'>;
    expectTypeOf<P['brand']>().toEqualTypeOf<string | null>();
    expectTypeOf<P['images']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<P['quantity']>().toEqualTypeOf<Quantity>();
    expectTypeOf<P['dealerPrice']>().toEqualTypeOf<number | null>();
    expectTypeOf<AlStyleProduct>().not.toHaveProperty('brand');
  });

  it('rejects additional fields the API answers with 500', () => {
    // @ts-expect-error: not a documented additional field
    client.iterateProducts({ fields: ['characteristics'] });
    // @ts-expect-error: detailText is element-info only
    client.getElementsPage({ fields: ['detailText'] });
    client.getElementInfo({ articles: [1], fields: ['detailText', 'properties'] });
    expectTypeOf<'brand'>().toMatchTypeOf<AdditionalField>();
  });

  it('the spec covers exactly the documented endpoints (no invented ones)', () => {
    expectTypeOf<keyof paths>().toEqualTypeOf<
      | '/api/date'
      | '/api/categories'
      | '/api/brands'
      | '/api/elements'
      | '/api/elements-pagination'
      | '/api/element-info'
      | '/api/images'
      | '/api/quantity'
      | '/api/quantity-price'
      | '/api/properties'
      | '/api/warehouses'
      | '/api/user-data'
      | '/api/orders'
      | '/api/order'
      | '/api/order-confirm'
      | '/api/orders-files'
      | '/cart-api/add'
      | '/cart-api/remove'
      | '/cart-api/get'
      | '/cart-api/clear'
      | '/cart-api/submit'
      | '/cart-api/cancel'
    >();
  });

  it('the typed field union matches the OpenAPI spec', () => {
    expectTypeOf<AdditionalField>().toEqualTypeOf<components['schemas']['AdditionalField']>();
  });

  it('the raw product schema is compatible with the spec product', () => {
    type Raw = v.InferInput<typeof rawProductSchema>;
    type Spec = components['schemas']['Product'];
    expectTypeOf<Spec['article']>().toMatchTypeOf<Raw['article']>();
    expectTypeOf<Spec['quantity']>().toMatchTypeOf<Raw['quantity']>();
    expectTypeOf<Spec['price1']>().toMatchTypeOf<Raw['price1']>();
  });

  it('stock and prices are keyed by article', () => {
    expectTypeOf(client.getStockAndPrices).returns.resolves.toEqualTypeOf<
      Map<number, AlStyleStockAndPrice>
    >();
  });

  it('order status is the documented union but tolerates unknown codes', () => {
    expectTypeOf<'DA'>().toMatchTypeOf<AlStyleOrderStatus>();
    expectTypeOf<'XYZ'>().toMatchTypeOf<AlStyleOrderStatus>();
  });

  it('errors are classes with a schema location', () => {
    expectTypeOf<AlStyleSchemaError>().toMatchTypeOf<AlStyleError>();
    expectTypeOf<AlStyleSchemaError['path']>().toEqualTypeOf<string>();
    expectTypeOf<AlStyleError['isRetryable']>().toEqualTypeOf<boolean>();
  });

  it('the simulator exposes url, request log and close', () => {
    expectTypeOf(startAlStyleSimulator).returns.resolves.toEqualTypeOf<AlStyleSimulator>();
    expectTypeOf<AlStyleSimulator['url']>().toEqualTypeOf<string>();
    expectTypeOf<AlStyleSimulator['close']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(startAlStyleSimulator)
      .parameter(0)
      .toMatchTypeOf<{ rateLimitMs?: number; catalogueSize?: number; seed?: number } | undefined>();
  });
});
