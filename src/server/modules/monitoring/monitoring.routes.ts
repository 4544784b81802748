import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { overviewResponse } from '../../../contracts/overview';
import { contextOf } from '../../platform/http/request-context';
import type { UnitDirectory } from '../org';
import type { RetailState } from '../retail';
import * as service from './monitoring.service';

export interface MonitoringRouteOptions {
  /** The app's retail state: the overview counts from its directory. */
  retail: RetailState;
  /** The app's unit directory (its `OrgState`): county names and the caller's unit. */
  units: UnitDirectory;
}

export async function monitoringRoutes(
  app: FastifyInstance,
  options: MonitoringRouteOptions,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/overview',
    {
      config: { access: { permission: 'dashboard.read', scope: 'org' } },
      schema: {
        tags: ['monitoring'],
        summary: 'Headline figures and retailers per county for the caller’s scope',
        querystring: z.strictObject({ lang: z.string().max(8).optional() }),
        response: { 200: overviewResponse },
      },
    },
    async (request) =>
      service.overview(contextOf(request), options.retail, options.units, request.language),
  );
}
