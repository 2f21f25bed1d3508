import type * as v from 'valibot';
import { assertId } from '../assert.js';
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

type RawPointOfService = v.InferOutput<typeof PointOfServiceDocumentSchema>['data'];

const toPointOfService = (d: RawPointOfService): KaspiPointOfService => ({
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
    async getEntryPointOfService(entryId, o = {}) {
      assertId(entryId, 'entryId');
      const init = { params: { path: { entryId } } };
      return toPointOfService((await t.send(ENDPOINTS.getEntryPointOfService, init, o)).data);
    },
    async getPointOfService(id, o = {}) {
      assertId(id, 'pointOfServiceId');
      const init = { params: { path: { pointOfServiceId: id } } };
      return toPointOfService((await t.send(ENDPOINTS.getPointOfService, init, o)).data);
    },
    async getPointOfServiceCity(id, o = {}) {
      assertId(id, 'pointOfServiceId');
      const init = { params: { path: { pointOfServiceId: id } } };
      return toCity((await t.send(ENDPOINTS.getPointOfServiceCity, init, o)).data);
    },
    async listCities(o = {}) {
      return (await t.send(ENDPOINTS.listCities, {}, o)).data.map(toCity);
    },
  };
}
