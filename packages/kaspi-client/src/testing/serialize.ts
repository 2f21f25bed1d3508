import { opaqueId, orderTotal, type SimEntry, type SimOrder } from './order-book.js';

/** How the simulator writes JSON:API links; Kaspi itself sends both absolute and relative ones. */
export type LinkStyle = 'kaspi-absolute' | 'relative' | 'simulator-absolute';

/** A JSON:API resource at `/v2/<type>/<id>`: `self` links, each relationship's links and `data`. */
export function resource(
  root: string,
  type: string,
  id: string,
  attributes: Record<string, unknown>,
  relationships: Record<string, unknown> = {},
) {
  const path = `/v2/${type}/${id}`;
  const rel = (name: string, data: unknown) => ({
    links: { self: `${root}${path}/relationships/${name}`, related: `${root}${path}/${name}` },
    data,
  });
  const related = Object.entries(relationships).map(([name, data]) => [name, rel(name, data)]);
  return {
    type,
    id,
    attributes,
    relationships: Object.fromEntries(related),
    links: { self: `${root}${path}` },
  };
}

/** Address of every simulated point of service. */
export const SIM_ADDRESS = {
  streetName: 'улица Наурызбай батыра',
  streetNumber: '154А',
  town: 'Алматы',
  district: null,
  building: null,
  apartment: null,
  formattedAddress: 'Алматы, улица Наурызбай батыра, 154А',
  latitude: 43.240013,
  longitude: 76.938854,
} as const;

/** An `orders` resource as Kaspi would send it. */
export function orderResource(order: SimOrder, root: string): Record<string, unknown> {
  const attributes: Record<string, unknown> = {
    code: order.code,
    totalPrice: orderTotal(order),
    paymentMode: order.paymentMode,
    creationDate: order.creationDate,
    deliveryCostForSeller: 0,
    isKaspiDelivery: order.isKaspiDelivery,
    deliveryMode: order.deliveryMode,
    signatureRequired: order.signatureRequired,
    creditTerm: order.paymentMode === 'PAY_WITH_CREDIT' ? 3 : 0,
    preOrder: order.preOrder,
    pickupPointId: order.pickupPointId,
    state: order.state,
    approvedByBankDate: order.approvedByBankDate,
    status: order.status,
    customer: order.customer,
    deliveryCost: order.deliveryCost,
  };
  if (order.deliveryMode !== 'DELIVERY_PICKUP') attributes.deliveryAddress = SIM_ADDRESS;
  if (order.isKaspiDelivery) {
    attributes.assembled = order.assembled;
    attributes.kaspiDelivery = {
      waybill: order.waybill ?? '',
      courierTransmissionDate: null,
      courierTransmissionPlanningDate: null,
      waybillNumber: order.waybill ? order.code : '',
      express: false,
      returnedToWarehouse: order.returnedToWarehouse,
      firstMileCourier: null,
    };
    if (order.numberOfSpace !== undefined) attributes.numberOfSpace = order.numberOfSpace;
  }
  if (order.cancellationReason !== undefined)
    attributes.cancellationReason = order.cancellationReason;
  return resource(root, 'orders', order.id, attributes, {
    entries: order.entries.map((e) => ({ type: 'orderentries', id: e.id })),
    user: { type: 'customers', id: order.customer.id },
  });
}

/** An `orderentries` resource. */
export function entryResource(entry: SimEntry, root: string, single = false) {
  const attributes = {
    unitType: entry.unitType,
    offer: { code: entry.sku, name: entry.name, isImeiRequired: false },
    quantity: entry.quantity,
    totalPrice: entry.basePrice * entry.quantity,
    weight: entry.weight,
    entryNumber: entry.entryNumber,
    category: entry.category,
    deliveryCost: 0,
    basePrice: entry.basePrice,
    isImeiRequired: false,
    ...(single ? { minAllowedWeight: Math.floor(entry.weight * 0.9) } : {}),
  };
  return resource(root, 'orderentries', entry.id, attributes, {
    product: { type: 'masterproducts', id: entry.masterProductId },
    deliveryPointOfService: { type: 'pointofservices', id: entry.pointOfServiceId },
  });
}

/** A `customers` resource for `include[orders]=user`. */
export function customerResource(order: SimOrder, root: string): Record<string, unknown> {
  const { id, firstName, lastName, cellPhone } = order.customer;
  return resource(root, 'customers', id, { firstName, lastName, cellPhone });
}

/** Deterministic Kaspi catalogue code for a SKU (never equal to the SKU). */
export const masterCode = (sku: string): string =>
  String(100_000_000 + (Number.parseInt(opaqueId(sku).replace(/\W/g, '').slice(0, 6), 36) % 1e8));
