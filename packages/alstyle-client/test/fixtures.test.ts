import { readdirSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { userDataSchema } from '../src/schemas/account.js';
import {
  brandsSchema,
  categoriesSchema,
  elementInfoSchema,
  elementsPageSchema,
  elementsSchema,
  imagesSchema,
  propertiesSchema,
  warehousesSchema,
} from '../src/schemas/catalogue.js';
import {
  cartSchema,
  orderFileSchema,
  orderSchema,
  ordersSchema,
  statusOkIdSchema,
  statusTrueSchema,
  successTrueSchema,
} from '../src/schemas/orders.js';
import { quantitySchema, rawProductSchema } from '../src/schemas/product.js';
import { keyedResponseSchema, quantityPriceEntrySchema } from '../src/schemas/stock.js';
import { FIXTURES_DIR, fixture } from './helpers.js';

const products = v.array(rawProductSchema);
const SCHEMAS: Record<string, v.GenericSchema> = {
  'brands.json': brandsSchema,
  'cart-add.json': successTrueSchema,
  'cart-cancel.json': statusTrueSchema,
  'cart-clear.json': statusTrueSchema,
  'cart-get.json': cartSchema,
  'cart-remove.json': successTrueSchema,
  'cart-submit.json': statusOkIdSchema,
  'categories.json': categoriesSchema,
  'element-info.json': v.pipe(elementInfoSchema, products),
  'elements-pagination.json': v.pipe(
    elementsPageSchema,
    v.transform((p) => p.elements),
    products,
  ),
  'elements.json': v.pipe(elementsSchema, products),
  'images.json': imagesSchema,
  'order-confirm.json': statusOkIdSchema,
  'order.json': orderSchema,
  'orders-files.json': orderFileSchema,
  'orders.json': ordersSchema,
  'properties.json': propertiesSchema,
  'quantity-price.json': v.pipe(
    keyedResponseSchema,
    v.record(v.string(), quantityPriceEntrySchema),
  ),
  'quantity.json': v.pipe(keyedResponseSchema, v.record(v.string(), quantitySchema)),
  'user-data.json': userDataSchema,
  'warehouses.json': warehousesSchema,
};

describe('every Al-Style fixture parses with its schema', () => {
  const files = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'));

  it('has a schema for every fixture file', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !(f in SCHEMAS))).toEqual([]);
  });

  it.each(files)('%s', (file) => {
    const schema = SCHEMAS[file];
    if (!schema) throw new Error(`no schema for ${file}`);
    const result = v.safeParse(schema, fixture(file));
    expect(result.issues ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('normalises the quirks the fixtures show', () => {
    const page = v.parse(
      v.pipe(
        elementsPageSchema,
        v.transform((p) => p.elements),
        products,
      ),
      fixture('elements-pagination.json'),
    );
    expect(page[1]?.quantity).toEqual({ min: 51, exact: false, raw: '>50' });
    const cart = v.parse(cartSchema, fixture('cart-get.json'));
    expect(cart.items.map((i) => [i.article, i.quantity, i.retailPrice])).toEqual([
      [16124, 3, 4900],
      [45770, 2, 149990],
    ]);
    const orders = v.parse(ordersSchema, fixture('orders.json'));
    expect(orders.orders[0]).toMatchObject({ id: '30000057592', status: 'P', mergedInto: null });
    const order = v.parse(orderSchema, fixture('order.json'));
    expect(order).toMatchObject({
      id: 434310,
      status: null,
      lines: [{ article: 45100 }, { article: 47749 }],
    });
    const user = v.parse(userDataSchema, fixture('user-data.json'));
    expect(user.attorneys).toHaveLength(3);
    expect(user.carriers.filter((c) => c.Основной)).toHaveLength(2);
  });

  it('does not accept a product without an article', () => {
    const result = v.safeParse(rawProductSchema, {
      name: 'x',
      category: 1,
      price1: 2,
      price2: 3,
      quantity: 1,
    });
    expect(result.success).toBe(false);
  });
});
