import type * as v from 'valibot';
import { byPath } from '../assert.js';
import type { KaspiCallOptions, KaspiContext } from '../context.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KaspiCity, KaspiPointOfService } from '../model.js';
import type {
  CityResourceSchema,
  PointOfServiceDocumentSchema,
} from '../schemas/points-of-service.js';

/** Points of service (the seller's warehouses and shops) and cities. */
export interface KaspiPointsOfServiceApi {
  /** The point of service an entry ships from. */
  getEntryPointOfService(entryId: string, call?: KaspiCallOptions): Promise<KaspiPointOfService>;
  /** `GET /v2/pointofservices/{id}`. */
  getPointOfService(id: string, call?: KaspiCallOptions): Promise<KaspiPointOfService>;
  /** `GET /v2/pointofservices/{id}/city`. */
  getPointOfServiceCity(id: string, call?: KaspiCallOptions): Promise<KaspiCity>;
  /** `GET /v2/cities`. */
  listCities(call?: KaspiCallOptions): Promise<readonly KaspiCity[]>;
}

type PointOfServiceDocument = v.InferOutput<typeof PointOfServiceDocumentSchema>;

const toPointOfService = ({ data: d }: PointOfServiceDocument): KaspiPointOfService => ({
  id: d.id,
  displayName: d.attributes.displayName,
  address: d.attributes.address,
  cityLink: d.relationships?.city?.links?.related,
});

const toCity = (d: v.InferOutput<typeof CityResourceSchema>): KaspiCity => ({
  id: d.id,
  code: d.attributes.code,
  name: d.attributes.name,
  active: d.attributes.active,
});

/** The points-of-service resource bound to a client. */
export function pointsOfServiceResource(ctx: KaspiContext): KaspiPointsOfServiceApi {
  const { t } = ctx;
  return {
    getEntryPointOfService: async (entryId, o = {}) =>
      toPointOfService(await t.send(ENDPOINTS.getEntryPointOfService, byPath({ entryId }), o)),
    getPointOfService: async (pointOfServiceId, o = {}) =>
      toPointOfService(await t.send(ENDPOINTS.getPointOfService, byPath({ pointOfServiceId }), o)),
    getPointOfServiceCity: async (pointOfServiceId, o = {}) =>
      toCity((await t.send(ENDPOINTS.getPointOfServiceCity, byPath({ pointOfServiceId }), o)).data),
    async listCities(o = {}) {
      return (await t.send(ENDPOINTS.listCities, {}, o)).data.map(toCity);
    },
  };
}
