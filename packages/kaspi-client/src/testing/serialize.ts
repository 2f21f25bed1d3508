import { opaqueId, orderTotal, type SimEntry, type SimOrder } from './order-store.js';

/** How the simulator writes JSON:API links; Kaspi itself sends both absolute and relative ones. */
export type LinkStyle = 'kaspi-absolute' | 'relative' | 'simulator-absolute';

/** Builds link prefixes for one response. */
export function linkRoot(style: LinkStyle, simulatorRoot: string): string {
  if (style === 'relative') return '';
  return style === 'kaspi-absolute' ? 'https://kaspi.kz/shop/api' : simulatorRoot;
}

const rel = (root: string, base: string, name: string, data: unknown) => ({
  links: { self: `${root}${base}/relationships/${name}`, related: `${root}${base}/${name}` },
  data,
});

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
  const base = `/v2/orders/${order.id}`;
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
  return {
    type: 'orders',
    id: order.id,
    attributes,
    relationships: {
      entries: rel(
        root,
        base,
        'entries',
        order.entries.map((e) => ({ type: 'orderentries', id: e.id })),
      ),
      user: rel(root, base, 'user', { type: 'customers', id: order.customer.id }),
    },
    links: { self: `${root}${base}` },
  };
}

/** An `orderentries` resource. */
export function entryResource(
  entry: SimEntry,
  root: string,
  single = false,
): Record<string, unknown> {
  const base = `/v2/orderentries/${entry.id}`;
  return {
    type: 'orderentries',
    id: entry.id,
    attributes: {
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
    },
    relationships: {
      product: rel(root, base, 'product', { type: 'masterproducts', id: entry.masterProductId }),
      deliveryPointOfService: rel(root, base, 'deliveryPointOfService', {
        type: 'pointofservices',
        id: entry.pointOfServiceId,
      }),
    },
    links: { self: `${root}${base}` },
  };
}

/** A `customers` resource for `include[orders]=user`. */
export function customerResource(order: SimOrder, root: string): Record<string, unknown> {
  const c = order.customer;
  return {
    type: 'customers',
    id: c.id,
    attributes: { firstName: c.firstName, lastName: c.lastName, cellPhone: c.cellPhone },
    relationships: {},
    links: { self: `${root}/v2/customers/${c.id}` },
  };
}

/** Deterministic Kaspi catalogue code for a SKU (never equal to the SKU). */
export const masterCode = (sku: string): string =>
  String(100_000_000 + (Number.parseInt(opaqueId(sku).replace(/\W/g, '').slice(0, 6), 36) % 1e8));
