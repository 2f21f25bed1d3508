import * as v from 'valibot';
import { defineEndpoints } from '../../src/index.js';

const thingsPage = v.object({ items: v.array(v.string()), total: v.number() });

/** A made-up third API, as a client built on the kit declares it. */
export const ENDPOINTS = defineEndpoints({
  listThings: { method: 'GET', path: '/things', effect: 'read', response: thingsPage },
  getThing: {
    method: 'GET',
    path: '/things/:id',
    effect: 'read',
    response: v.object({ id: v.string() }),
  },
  createOrder: {
    method: 'POST',
    path: '/orders',
    effect: 'write-once',
    response: v.object({ id: v.number() }),
  },
});
