import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  listRetailersQuery,
  listRetailersResponse,
  retailerDetailResponse,
  retailerIdParams,
} from '../../../contracts/retail';
import { contextOf } from '../../platform/http/request-context';
import * as service from './retail.service';

export async function retailRoutes(app: FastifyInstance): Promise<void> {
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
    async (request) => service.listRetailers(contextOf(request), request.query, request.language),
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
      retailer: await service.getRetailer(contextOf(request), request.params.id, request.language),
    }),
  );
}
