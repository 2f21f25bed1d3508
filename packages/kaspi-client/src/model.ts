import type * as v from 'valibot';
import type {
  KaspiCancellationReason,
  KaspiDeliveryMode,
  KaspiOrderState,
  KaspiOrderStatus,
  KaspiPaymentMode,
  KaspiUnitType,
} from './enums.js';
import type { AddressSchema, IncludedResource } from './schemas/common.js';
import type { OrderEntryResource } from './schemas/entries.js';
import type { CustomerSchema, OrderResource } from './schemas/orders.js';

/** A street address as Kaspi sends it (validated, fields Kaspi adds kept). */
export type KaspiAddress = Readonly<v.InferOutput<typeof AddressSchema>>;

/** The buyer. `cellPhone` is `7xxxxxxxxx` without `+`. */
export type KaspiCustomer = Readonly<v.InferOutput<typeof CustomerSchema>>;

/** Kaspi Delivery details; read from `attributes.kaspiDelivery` or, failing that, top level. */
export interface KaspiDeliveryInfo {
  /** Pre-signed PDF link; empty until the order is assembled. */
  readonly waybill?: string | null | undefined;
  readonly waybillNumber?: string | null | undefined;
  readonly courierTransmissionDate?: Date | undefined;
  readonly courierTransmissionPlanningDate?: Date | undefined;
  readonly express?: boolean | undefined;
  readonly returnedToWarehouse?: boolean | undefined;
}

type EntryAttributes = OrderEntryResource['attributes'];

/** An order line. */
export interface KaspiOrderEntry {
  /** Opaque entry id used in URLs and cancel operations. */
  readonly id: string;
  readonly quantity: number;
  /** Unit price, KZT. */
  readonly basePrice: number | undefined;
  /** Line total, KZT. */
  readonly totalPrice: number | undefined;
  /** Grams. */
  readonly weight: number | undefined;
  readonly minAllowedWeight?: number | undefined;
  readonly entryNumber: number | undefined;
  readonly unitType: KaspiUnitType | undefined;
  readonly category?: Readonly<EntryAttributes['category']>;
  readonly deliveryCost?: number | undefined;
  /** The seller's offer (newer guide revision). `offer.code` is the fast path to the SKU. */
  readonly offer?: Readonly<EntryAttributes['offer']>;
  readonly isImeiRequired?: boolean | undefined;
  /** Id of Kaspi's master product (never the seller's SKU). */
  readonly productId: string | undefined;
  /** Id of the point of service the line ships from. */
  readonly pointOfServiceId: string | undefined;
  /** Relationship links as sent (absolute or relative). */
  readonly links: { readonly product?: string; readonly pointOfService?: string };
  /** The validated resource as received, for fields this type does not name. */
  readonly raw: OrderEntryResource;
}

/** An order with dates as `Date` objects. */
export interface KaspiOrder {
  /** Opaque id used in URLs and status changes. */
  readonly id: string;
  /** Human order number, e.g. `"496149022"`. */
  readonly code: string;
  readonly state: KaspiOrderState | undefined;
  readonly status: KaspiOrderStatus | undefined;
  /** KZT. */
  readonly totalPrice: number | undefined;
  readonly paymentMode: KaspiPaymentMode | undefined;
  readonly creationDate: Date | undefined;
  readonly approvedByBankDate: Date | undefined;
  readonly plannedDeliveryDate: Date | undefined;
  /** Pre-order delivery date. */
  readonly reservationDate: Date | undefined;
  readonly deliveryMode: KaspiDeliveryMode | undefined;
  readonly isKaspiDelivery: boolean;
  readonly deliveryCost: number | undefined;
  readonly deliveryCostForSeller: number | undefined;
  readonly deliveryAddress: KaspiAddress | undefined;
  readonly signatureRequired: boolean | undefined;
  readonly creditTerm: number | undefined;
  readonly preOrder: boolean | undefined;
  readonly pickupPointId: string | undefined;
  readonly customer: KaspiCustomer | undefined;
  readonly kaspiDelivery: KaspiDeliveryInfo | undefined;
  readonly assembled: boolean | undefined;
  readonly cancellationReason: KaspiCancellationReason | undefined;
  readonly numberOfSpace: number | undefined;
  /** Entry ids named by `relationships.entries.data`, when Kaspi sent them. */
  readonly entryIds: readonly string[] | undefined;
  /**
   * Entries found in `included`. Complete only when every id in `entryIds` was included;
   * otherwise `undefined` (use `client.getOrderEntries(order)`).
   */
  readonly entries: readonly KaspiOrderEntry[] | undefined;
  /** `customers` resource from `included` (with `include: 'user'`). */
  readonly user: KaspiCustomer | undefined;
  /** Links as sent: `self` and the entries' `related` link (absolute or relative). */
  readonly links: { readonly self?: string; readonly entries?: string };
  /** The validated resource as received, for fields this type does not name. */
  readonly raw: OrderResource;
}

/** Anything with an order id; `code` is sent along when known, as the guide's examples do. */
export interface KaspiOrderRef {
  readonly id: string;
  readonly code?: string | undefined;
}

/** Kaspi's catalogue product of an entry. `code` is Kaspi's, **not** the seller's SKU. */
export interface KaspiMasterProduct {
  readonly id: string;
  readonly code: string | undefined;
  readonly name: string | undefined;
  readonly manufacturer: string | undefined;
  readonly category: string | undefined;
  /** Link to the seller's product, when sent. */
  readonly merchantProductLink: string | undefined;
}

/** The seller's product; `code` is the SKU in the seller's system. */
export interface KaspiMerchantProduct {
  readonly id: string;
  readonly code: string;
  readonly name: string | undefined;
  readonly manufacturer: string | undefined;
}

/** A pickup point or warehouse. `displayName` is the cabinet code, e.g. `PP1`. */
export interface KaspiPointOfService {
  readonly id: string;
  readonly displayName: string | undefined;
  readonly address: KaspiAddress | undefined;
  readonly cityLink: string | undefined;
}

/** A city; `code` is a 9-digit string such as `750000000` (Almaty). */
export interface KaspiCity {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly active: boolean | undefined;
}

function relationshipIds(data: unknown): string[] | undefined {
  if (Array.isArray(data)) return data.map((d: { id: string }) => d.id);
  if (data && typeof data === 'object' && 'id' in data) return [String(data.id)];
  return undefined;
}

/** The links that were sent, without empty ones. */
const sentLinks = <K extends string>(links: Record<K, string | undefined>) =>
  Object.fromEntries(Object.entries(links).filter(([, href]) => href)) as { [P in K]?: string };

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Maps a validated entry resource to {@link KaspiOrderEntry}. */
export function toOrderEntry(raw: OrderEntryResource): KaspiOrderEntry {
  const a = raw.attributes;
  const product = raw.relationships?.product;
  const pos = raw.relationships?.deliveryPointOfService;
  return {
    id: raw.id,
    quantity: a.quantity,
    basePrice: a.basePrice,
    totalPrice: a.totalPrice,
    weight: a.weight,
    minAllowedWeight: a.minAllowedWeight,
    entryNumber: a.entryNumber,
    unitType: a.unitType,
    deliveryCost: a.deliveryCost,
    isImeiRequired: a.isImeiRequired ?? a.offer?.isImeiRequired,
    productId: relationshipIds(product?.data)?.[0],
    pointOfServiceId: relationshipIds(pos?.data)?.[0],
    links: sentLinks({ product: product?.links?.related, pointOfService: pos?.links?.related }),
    raw,
    ...(a.category ? { category: a.category } : {}),
    ...(a.offer ? { offer: a.offer } : {}),
  };
}

/** Maps a validated order resource plus the document's `included` to {@link KaspiOrder}. */
export function toOrder(
  raw: OrderResource,
  included: readonly IncludedResource[],
  parseEntry: (resource: IncludedResource) => OrderEntryResource | undefined,
  wireToDate: (ms: number) => Date,
): KaspiOrder {
  const toDate = (ms: number | null | undefined): Date | undefined =>
    typeof ms === 'number' ? wireToDate(ms) : undefined;
  const a = raw.attributes;
  const entryIds = relationshipIds(raw.relationships?.entries?.data);
  const found = (entryIds ?? []).flatMap((id) => {
    const res = included.find((r) => r.type === 'orderentries' && r.id === id);
    const parsed = res && parseEntry(res);
    return parsed ? [toOrderEntry(parsed)] : [];
  });
  // A fragment (some ids missing from `included`) must not pass for the whole order.
  const entries = found.length > 0 && found.length === entryIds?.length ? found : undefined;
  const userId = relationshipIds(raw.relationships?.user?.data)?.[0];
  const userRes = included.find((r) => r.type === 'customers' && r.id === userId);
  const kd = a.kaspiDelivery;
  const hasTopLevelDelivery =
    a.waybill !== undefined || a.waybillNumber !== undefined || a.courierTransmissionDate != null;
  const kaspiDelivery: KaspiDeliveryInfo | undefined =
    kd || hasTopLevelDelivery
      ? {
          waybill: kd?.waybill ?? a.waybill,
          waybillNumber: kd?.waybillNumber ?? a.waybillNumber,
          courierTransmissionDate: toDate(kd?.courierTransmissionDate ?? a.courierTransmissionDate),
          courierTransmissionPlanningDate: toDate(
            kd?.courierTransmissionPlanningDate ?? a.courierTransmissionPlanningDate,
          ),
          express: kd?.express ?? a.express,
          returnedToWarehouse: kd?.returnedToWarehouse ?? a.returnedToWarehouse,
        }
      : undefined;
  const userAttrs = userRes?.attributes;
  return {
    id: raw.id,
    code: a.code,
    state: a.state,
    status: a.status,
    totalPrice: a.totalPrice,
    paymentMode: a.paymentMode,
    creationDate: toDate(a.creationDate),
    approvedByBankDate: toDate(a.approvedByBankDate),
    plannedDeliveryDate: toDate(a.plannedDeliveryDate),
    reservationDate: toDate(a.reservationDate),
    deliveryMode: a.deliveryMode,
    isKaspiDelivery: a.isKaspiDelivery ?? false,
    deliveryCost: a.deliveryCost,
    deliveryCostForSeller: a.deliveryCostForSeller,
    deliveryAddress: a.deliveryAddress ?? undefined,
    signatureRequired: a.signatureRequired,
    creditTerm: a.creditTerm,
    preOrder: a.preOrder,
    pickupPointId: a.pickupPointId ?? undefined,
    customer: a.customer,
    kaspiDelivery,
    assembled: a.assembled,
    cancellationReason: a.cancellationReason ?? undefined,
    numberOfSpace: a.numberOfSpace === undefined ? undefined : Number(a.numberOfSpace),
    entryIds,
    entries,
    user: userAttrs && {
      id: userId,
      firstName: text(userAttrs.firstName),
      lastName: text(userAttrs.lastName),
      cellPhone: text(userAttrs.cellPhone),
    },
    links: sentLinks({
      self: raw.links?.self,
      entries: raw.relationships?.entries?.links?.related,
    }),
    raw,
  };
}
