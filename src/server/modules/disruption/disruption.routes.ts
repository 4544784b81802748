import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  areaBody,
  areaIdParams,
  areaImportBody,
  areaImportResponse,
  areaResponse,
  disruptionOverviewResponse,
  effectiveBatchBody,
  effectiveBatchResponse,
  effectiveQuery,
  effectiveResponse,
  endAreaBody,
  impactResponse,
  listAreasQuery,
  listAreasResponse,
  placeHistoryQuery,
  placeHistoryResponse,
  schemeBody,
  schemeIdParams,
  schemeResponse,
  schemesResponse,
} from '../../../contracts/disruption';
import { ruleRefused } from '../../platform/errors';
import { markAudited } from '../../platform/http/access-control';
import { contextOf } from '../../platform/http/request-context';
import * as areas from './areas.service';
import * as effective from './effective.service';
import { importAreas } from './import.service';
import type { DisruptionState } from './disruption.state';
import * as schemes from './schemes.service';

const createResponse = z.object({
  area: areaResponse.shape.area,
  impact: impactResponse,
  changedPlaces: z.number().int(),
});
const endResponse = z.object({ area: areaResponse.shape.area, changedPlaces: z.number().int() });

export interface DisruptionRouteOptions {
  /** The app's disruption state (`createDisruptionState`). */
  state: DisruptionState;
}

export async function disruptionRoutes(
  app: FastifyInstance,
  options: DisruptionRouteOptions,
): Promise<void> {
  const { state } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['disruption'];

  r.get(
    '/api/disruption/schemes',
    {
      config: { access: { permission: 'disruption.read', scope: 'none' } },
      schema: {
        tags,
        summary: 'Schemes, statuses and their effects (rule data)',
        response: { 200: schemesResponse },
      },
    },
    async (request) => schemes.listSchemes(contextOf(request)),
  );

  r.post(
    '/api/disruption/schemes',
    {
      config: { access: { permission: 'disruption.configure', scope: 'none' } },
      schema: {
        tags,
        summary: 'Add a scheme (administrator; audited)',
        body: schemeBody,
        response: { 200: schemeResponse },
      },
    },
    async (request) => {
      const result = await schemes.addScheme(contextOf(request), request.body, request.language);
      markAudited(request);
      return result;
    },
  );

  r.put(
    '/api/disruption/schemes/:id',
    {
      config: { access: { permission: 'disruption.configure', scope: 'none' } },
      schema: {
        tags,
        summary: 'Edit a scheme’s statuses and effects (administrator; audited before/after)',
        params: schemeIdParams,
        body: schemeBody,
        response: { 200: schemeResponse },
      },
    },
    async (request) => {
      const result = await schemes.editScheme(
        contextOf(request),
        state,
        request.params.id,
        request.body,
        request.language,
      );
      markAudited(request);
      return result;
    },
  );

  r.get(
    '/api/areas',
    {
      config: { access: { permission: 'disruption.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Areas (history included) with filters: scheme, status, active at, county',
        querystring: listAreasQuery,
        response: { 200: listAreasResponse },
      },
    },
    async (request) => areas.listAreas(contextOf(request), state, request.query, request.language),
  );

  r.get(
    '/api/areas/:id',
    {
      config: { access: { permission: 'disruption.read', scope: 'org' } },
      schema: { tags, summary: 'One area', params: areaIdParams, response: { 200: areaResponse } },
    },
    async (request) =>
      areas.getArea(contextOf(request), state, request.params.id, request.language),
  );

  r.post(
    '/api/areas/impact',
    {
      config: { access: { permission: 'disruption.manage', scope: 'org' } },
      schema: {
        tags,
        summary: 'What an area would cover, before saving (nothing is written)',
        body: areaBody,
        response: { 200: impactResponse },
      },
    },
    async (request) => {
      const result = await areas.previewImpact(
        contextOf(request),
        state,
        request.body,
        request.language,
      );
      // A preview writes nothing: no request-level audit entry either.
      markAudited(request);
      return result;
    },
  );

  r.post(
    '/api/areas',
    {
      config: { access: { permission: 'disruption.manage', scope: 'org' } },
      schema: {
        tags,
        summary: 'Publish an area from a notice: polygon, circle, counties or places',
        body: areaBody,
        response: { 200: createResponse },
      },
    },
    async (request) => {
      const result = await areas.createArea(
        contextOf(request),
        state,
        request.body,
        request.language,
      );
      markAudited(request);
      return result;
    },
  );

  r.post(
    '/api/areas/:id/end',
    {
      config: { access: { permission: 'disruption.manage', scope: 'org' } },
      schema: {
        tags,
        summary: 'End (lift) an area; areas are never deleted',
        params: areaIdParams,
        body: endAreaBody,
        response: { 200: endResponse },
      },
    },
    async (request) => {
      const result = await areas.endArea(
        contextOf(request),
        state,
        request.params.id,
        request.body,
        request.language,
      );
      markAudited(request);
      return result;
    },
  );

  r.post(
    '/api/areas/import',
    {
      config: { access: { permission: 'disruption.manage', scope: 'org' } },
      bodyLimit: 1024 * 1024 * 2,
      schema: {
        tags,
        summary: 'Import notices from a sheet (csv or xlsx); all rows or none; dryRun reports only',
        body: areaImportBody,
        response: { 200: areaImportResponse },
      },
    },
    async (request) => {
      const result = await importAreas(contextOf(request), state, request.body, request.language);
      markAudited(request);
      if (result.refused && !result.dryRun) {
        throw ruleRefused(
          {
            zh: '表格中有不合格的行，未导入任何区域',
            en: 'some rows were refused; nothing was imported',
          },
          { rows: result.rows },
        );
      }
      const { refused: _refused, ...body } = result;
      return body;
    },
  );

  r.get(
    '/api/places/effective',
    {
      config: { access: { permission: 'disruption.read', scope: 'org' } },
      schema: {
        tags,
        summary:
          'Effective status of a place (retailer, warehouse, office, staff home) at an instant',
        querystring: effectiveQuery,
        response: { 200: effectiveResponse },
      },
    },
    async (request) => ({
      place: await effective.effectiveOf(
        contextOf(request),
        state,
        { type: request.query.type, id: request.query.id },
        request.query.at,
      ),
    }),
  );

  r.post(
    '/api/places/effective',
    {
      config: { access: { permission: 'disruption.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Effective status of many places at one instant',
        body: effectiveBatchBody,
        response: { 200: effectiveBatchResponse },
      },
    },
    async (request) => {
      markAudited(request);
      return effective.effectiveMany(
        contextOf(request),
        state,
        request.body.places,
        request.body.at,
      );
    },
  );

  r.get(
    '/api/places/history',
    {
      config: { access: { permission: 'disruption.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'A place’s effective status over time',
        querystring: placeHistoryQuery,
        response: { 200: placeHistoryResponse },
      },
    },
    async (request) =>
      effective.placeHistory(
        contextOf(request),
        state,
        { type: request.query.type, id: request.query.id },
        { from: request.query.from, to: request.query.to },
      ),
  );

  r.get(
    '/api/disruption/overview',
    {
      config: { access: { permission: 'disruption.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Per county: areas in force and places held back now (overview map)',
        response: { 200: disruptionOverviewResponse },
      },
    },
    async (request) => effective.disruptionOverview(contextOf(request), state, request.language),
  );
}
