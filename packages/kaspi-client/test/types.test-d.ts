import { describe, expectTypeOf, it } from 'vitest';
import {
  createKaspiClient,
  type KaspiApiPaths,
  type KaspiCancellationReason,
  type KaspiClient,
  type KaspiClientEvent,
  KaspiError,
  type KaspiOrder,
  type KaspiOrderEntry,
  type KaspiOrderRef,
  type KaspiOrderState,
  type KaspiOrderStatus,
  type KaspiProductImportItem,
  KaspiRateLimitError,
  type KaspiStatusChangeResult,
  type KaspiUnitType,
} from '../src/index.js';
import {
  type KaspiSimulator,
  type SimulatedOrder,
  startKaspiSimulator,
} from '../src/testing/index.js';

describe('public types', () => {
  it('enumerations keep the documented values and accept new ones', () => {
    expectTypeOf<'APPROVED_BY_BANK'>().toMatchTypeOf<KaspiOrderStatus>();
    expectTypeOf<'SOMETHING_KASPI_ADDS_LATER'>().toMatchTypeOf<KaspiOrderStatus>();
    expectTypeOf<'KASPI_DELIVERY'>().toMatchTypeOf<KaspiOrderState>();
    expectTypeOf<'MEASURABLE_PIECES'>().toMatchTypeOf<KaspiUnitType>();
    expectTypeOf<'TIMEOUT_BUYER_PICKUP'>().toMatchTypeOf<KaspiCancellationReason>();
    // The union is not collapsed to plain `string` (editor completion survives).
    expectTypeOf<KaspiOrderStatus>().not.toEqualTypeOf<string>();
  });

  it('orders carry Date objects, not epoch numbers', () => {
    expectTypeOf<KaspiOrder['creationDate']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<KaspiOrder['approvedByBankDate']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<KaspiOrder['entries']>().toEqualTypeOf<readonly KaspiOrderEntry[] | undefined>();
    expectTypeOf<KaspiOrder>().toMatchTypeOf<KaspiOrderRef>();
    expectTypeOf<SimulatedOrder>().toMatchTypeOf<KaspiOrderRef>();
  });

  it('client methods are typed end to end', () => {
    const client = createKaspiClient({ token: 't' });
    expectTypeOf(client).toEqualTypeOf<KaspiClient>();
    expectTypeOf(client.iterateOrders({ from: new Date() })).toEqualTypeOf<
      AsyncGenerator<KaspiOrder, void, undefined>
    >();
    expectTypeOf(client.acceptOrder).parameter(0).toEqualTypeOf<KaspiOrderRef>();
    expectTypeOf(client.acceptOrder).returns.resolves.toEqualTypeOf<KaspiStatusChangeResult>();
    expectTypeOf(client.getOrderByCode).returns.resolves.toEqualTypeOf<KaspiOrder | undefined>();
    expectTypeOf(client.getOrderEntries).returns.resolves.toEqualTypeOf<
      readonly KaspiOrderEntry[]
    >();
    expectTypeOf(client.importProducts)
      .parameter(0)
      .toEqualTypeOf<readonly KaspiProductImportItem[]>();
  });

  it('rejects misuse at compile time', () => {
    // @ts-expect-error the token is required
    createKaspiClient({});
    const client = createKaspiClient({ token: 't' });
    // @ts-expect-error numberOfSpace is a number in the API (sent as a string on the wire)
    client.assembleOrder({ id: 'x' }, '2');
    // @ts-expect-error `from` is required
    client.iterateOrders({});
    // @ts-expect-error dates are Date objects, not epoch numbers
    client.iterateOrders({ from: 1_700_000_000_000 });
    // @ts-expect-error pageSize is a number
    client.iterateOrders({ from: new Date(), pageSize: '100' });
    // @ts-expect-error ASSEMBLE is not an include
    client.iterateOrders({ from: new Date(), include: 'products' });
  });

  it('errors expose status, retryability and Retry-After', () => {
    expectTypeOf<KaspiError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<KaspiError['isRetryable']>().toEqualTypeOf<boolean>();
    expectTypeOf<KaspiRateLimitError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
    const caught: unknown = new Error('x');
    if (KaspiError.isInstance(caught)) expectTypeOf(caught).toEqualTypeOf<KaspiError>();
    if (KaspiRateLimitError.isInstance(caught))
      expectTypeOf(caught).toEqualTypeOf<KaspiRateLimitError>();
  });

  it('logger events are a discriminated union', () => {
    expectTypeOf<
      Extract<KaspiClientEvent, { type: 'http.retry' }>['attempt']
    >().toEqualTypeOf<number>();
    expectTypeOf<Extract<KaspiClientEvent, { type: 'status.verify' }>['outcome']>().toEqualTypeOf<
      'done' | 'not-done' | 'conflict' | 'unverifiable'
    >();
  });

  it('the generated OpenAPI types keep Kaspi’s bracketed parameter names', () => {
    type ListQuery = NonNullable<KaspiApiPaths['/v2/orders']['get']['parameters']['query']>;
    expectTypeOf<ListQuery['page[number]']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ListQuery['filter[orders][creationDate][$ge]']>().toEqualTypeOf<
      number | undefined
    >();
    // Exactly the documented endpoints (reference §3, §6, §7, §10): nothing invented.
    expectTypeOf<keyof KaspiApiPaths>().toEqualTypeOf<
      | '/v2/orders'
      | '/v2/orders/{orderId}'
      | '/v2/orders/{orderId}/entries'
      | '/v2/orderentries/{entryId}'
      | '/v2/orderentries/{entryId}/product'
      | '/v2/orderentries/{entryId}/deliveryPointOfService'
      | '/v2/masterproducts/{productId}/merchantProduct'
      | '/v2/pointofservices/{pointOfServiceId}'
      | '/v2/pointofservices/{pointOfServiceId}/city'
      | '/v2/cities'
      | '/v2/orderEntryCancelOperation'
      | '/orderPartialCancel/{orderId}'
      | '/products/import'
      | '/products/import/result'
      | '/products/import/schema'
      | '/products/classification/categories'
      | '/products/classification/attributes'
      | '/products/classification/attribute/values'
    >();
  });

  it('the simulator entry is typed', () => {
    expectTypeOf(startKaspiSimulator).returns.resolves.toEqualTypeOf<KaspiSimulator>();
    expectTypeOf<KaspiSimulator['createOrder']>().returns.toEqualTypeOf<SimulatedOrder>();
  });
});
