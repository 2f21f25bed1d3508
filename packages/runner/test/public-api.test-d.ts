import { describe, expectTypeOf, it } from 'vitest';
import {
  type ConfiguredSupplier,
  defineConfig,
  type ExitCode,
  type KaspiConnectConfig,
  type KaspiConnectConfigInput,
  type RunSummary,
  runSync,
  type StateStore,
  type Supplier,
  type SupplierProduct,
  type SyncResult,
} from '../src/index.js';

describe('public types', () => {
  it('defineConfig accepts the minimal config and rejects unknown values', () => {
    expectTypeOf(defineConfig).parameter(0).toEqualTypeOf<KaspiConnectConfigInput>();
    defineConfig({
      shop: { company: 'A', merchantId: '1', stores: [{ id: 'PP1' }] },
      suppliers: { alstyle: {} },
    });
    defineConfig({
      shop: { company: 'A', merchantId: '1', stores: [] },
      suppliers: {},
      // @ts-expect-error the price source is a closed set
      pricing: { source: 'cheapest' },
    });
  });

  it('the validated config has every default filled in', () => {
    expectTypeOf<KaspiConnectConfig['stock']['cap']>().toEqualTypeOf<number>();
    expectTypeOf<KaspiConnectConfig['schedule']['fullSync']>().toEqualTypeOf<string[]>();
    expectTypeOf<KaspiConnectConfig['pricing']['source']>().toEqualTypeOf<
      'dealer' | 'retail' | 'recommended'
    >();
  });

  it('a supplier is one class with two required methods; order methods are optional', () => {
    expectTypeOf<Supplier['iterateCatalogue']>().returns.toEqualTypeOf<
      AsyncIterable<SupplierProduct>
    >();
    expectTypeOf<Supplier['reserve']>().toBeNullable();
    expectTypeOf<ConfiguredSupplier>().toHaveProperty('skuPrefix').toEqualTypeOf<string>();
  });

  it('runSync resolves to a status, an exit code and a summary', () => {
    expectTypeOf(runSync).returns.resolves.toEqualTypeOf<SyncResult>();
    expectTypeOf<SyncResult['exitCode']>().toEqualTypeOf<
      (typeof ExitCode)[keyof typeof ExitCode]
    >();
    expectTypeOf<SyncResult['summary']>().toEqualTypeOf<RunSummary>();
    expectTypeOf<StateStore['lastPublishedFeed']>().returns.toBeNullable();
  });
});
