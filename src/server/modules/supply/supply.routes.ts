import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listProductsQuery, listProductsResponse } from '../../../contracts/products';
import { contextOf } from '../../platform/http/request-context';
import * as service from './supply.service';

export async function supplyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/products',
    {
      config: { access: { permission: 'product.read', scope: 'none' } },
      schema: {
        tags: ['supply'],
        summary: 'The brand-spec (品规) catalogue',
        querystring: listProductsQuery,
        response: { 200: listProductsResponse },
      },
    },
    async (request) => service.listProducts(contextOf(request), request.query),
  );
}
