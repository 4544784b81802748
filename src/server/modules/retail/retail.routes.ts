import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  listRetailersQuery,
  listRetailersResponse,
  retailerDetailResponse,
  retailerIdParams,
  serviceStateResponse,
  setServiceStateBody,
} from '../../../contracts/retail';
import { markAudited } from '../../platform/http/access-control';
import { contextOf } from '../../platform/http/request-context';
import * as service from './retail.service';
import type { UnitDirectory } from '../org';
import type { RetailState } from './retail.state';

export interface RetailRouteOptions {
  /** The app's retail state (`createRetailState`). */
  state: RetailState;
  /** The app's unit directory (its `OrgState`): unit names for the rows. */
  units: UnitDirectory;
}

export async function retailRoutes(
  app: FastifyInstance,
  options: RetailRouteOptions,
): Promise<void> {
  const { state, units } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/retailers',
    {
      config: { access: { permission: 'retailer.read', scope: 'org' } },
      schema: {
        tags: ['retail'],
        summary: 'Search retailers in the caller’s scope, with filters and pagination',
        querystring: listRetailersQuery,
        response: { 200: listRetailersResponse },
      },
    },
    async (request) =>
      service.listRetailers(contextOf(request), state, units, request.query, request.language),
  );

  r.get(
    '/api/retailers/:id',
    {
      config: { access: { permission: 'retailer.read', scope: 'org' } },
      schema: {
        tags: ['retail'],
        summary: 'One retailer in the caller’s scope',
        params: retailerIdParams,
        response: { 200: retailerDetailResponse },
      },
    },
    async (request) => ({
      retailer: await service.getRetailer(
        contextOf(request),
        units,
        request.params.id,
        request.language,
      ),
    }),
  );

  r.put(
    '/api/retailers/:id/service-state',
    {
      config: { access: { permission: 'retailer.write', scope: 'org' } },
      schema: {
        tags: ['retail'],
        summary: 'Set a retailer’s service state (account manager), with a reason; audited',
        params: retailerIdParams,
        body: setServiceStateBody,
        response: { 200: serviceStateResponse },
      },
    },
    async (request) => {
      const result = await service.setServiceState(
        contextOf(request),
        state,
        request.params.id,
        request.body.state,
        request.body.reason ?? null,
      );
      markAudited(request);
      return result;
    },
  );
}
