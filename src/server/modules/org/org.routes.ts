import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listUnitsQuery, listUnitsResponse, orgUnit } from '../../../contracts/org';
import { contextOf } from '../../platform/http/request-context';
import * as service from './org.service';
import type { OrgState } from './org.state';

export interface OrgRouteOptions {
  /** The app's org memory (`createOrgState`). */
  state: OrgState;
}

export async function orgRoutes(app: FastifyInstance, options: OrgRouteOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/org/units',
    {
      config: { access: { permission: 'org.read', scope: 'org' } },
      schema: {
        tags: ['org'],
        summary: 'Org units of the caller’s subtree (cities, counties, logistics centres)',
        querystring: listUnitsQuery,
        response: { 200: listUnitsResponse },
      },
    },
    async (request) => ({
      items: await service.listUnits(contextOf(request), {
        level: request.query.level,
        parentCode: request.query.parentCode,
      }),
    }),
  );

  r.get(
    '/api/org/units/:code',
    {
      config: { access: { permission: 'org.read', scope: 'org' } },
      schema: {
        tags: ['org'],
        summary: 'One org unit',
        params: z.strictObject({ code: z.string().min(1).max(20) }),
        response: { 200: z.object({ unit: orgUnit }) },
      },
    },
    async (request) => ({ unit: await service.getUnit(contextOf(request), request.params.code) }),
  );

  r.get(
    '/api/geo/counties',
    {
      config: { access: { permission: 'org.read', scope: 'none' } },
      schema: {
        tags: ['org'],
        summary: 'County shapes of Shanxi as a GeoJSON FeatureCollection',
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, max-age=3600');
      reply.type('application/json');
      return reply.send(await options.state.countyShapes());
    },
  );
}
