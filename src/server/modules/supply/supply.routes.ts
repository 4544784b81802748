import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listProductsQuery, listProductsResponse } from '../../../contracts/products';
import { fileImportRequest, importResponse } from '../../../contracts/supply';
import { markAudited } from '../../platform/http/access-control';
import { contextOf } from '../../platform/http/request-context';
import type { UnitDirectory } from '../org';
import type { RetailState } from '../retail';
import { serviceStateEligibility, type OrderingEligibility } from './eligibility';
import type { SupplyCaches } from './eligibility.cache';
import { planRoutes } from './plan.routes';
import * as catalogue from './product.excel';
import * as service from './supply.service';

export interface SupplyRouteOptions {
  /** Who may order, from the disruption layer; default: each retailer's own service state. */
  eligibility?: OrderingEligibility;
  retail: RetailState;
  caches: SupplyCaches;
  /** The app's unit directory (its `OrgState`): place names in plan previews. */
  units: UnitDirectory;
  /** The server clock; default real time. */
  now?: () => Date;
}

export async function supplyRoutes(
  app: FastifyInstance,
  options: SupplyRouteOptions,
): Promise<void> {
  const eligibility = options.eligibility ?? serviceStateEligibility;
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

  r.get(
    '/api/products/export',
    {
      config: { access: { permission: 'product.read', scope: 'none' } },
      schema: { tags: ['supply'], summary: 'The brand-spec catalogue as an xlsx workbook' },
    },
    async (request, reply) => {
      const file = await catalogue.productWorkbook(contextOf(request), request.language);
      reply.header('content-disposition', 'attachment; filename="products.xlsx"');
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return reply.send(file);
    },
  );

  r.post(
    '/api/products/import',
    {
      config: { access: { permission: 'product.manage', scope: 'none' } },
      schema: {
        tags: ['supply'],
        summary: 'Import brand-specs (csv or xlsx): every row or none, with a row report',
        body: fileImportRequest,
        response: { 200: importResponse },
      },
    },
    async (request) => {
      const result = await catalogue.importProducts(contextOf(request), request.body);
      markAudited(request);
      return result;
    },
  );

  await planRoutes(app, {
    eligibility,
    now: options.now ?? (() => new Date()),
    retail: options.retail,
    caches: options.caches,
    units: options.units,
  });
}
