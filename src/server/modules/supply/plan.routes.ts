import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../../../contracts/supply';
import { markAudited } from '../../platform/http/access-control';
import { contextOf } from '../../platform/http/request-context';
import type { SupplyDeps } from './plan.context';
import * as plans from './plan.service';
import * as imports from './plan.import';
import * as quotas from './quota.service';
import * as positions from './position.service';

const tags = ['supply'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Release plans, the week's board, quotas, supply positions and their spreadsheets. */
export async function planRoutes(app: FastifyInstance, deps: SupplyDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/supply/plans',
    {
      config: { access: { permission: 'supply.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Release plans (投放方案) of the caller’s cities',
        querystring: c.listPlansQuery,
        response: { 200: c.listPlansResponse },
      },
    },
    async (request) => plans.listPlans(contextOf(request), request.query),
  );

  r.post(
    '/api/supply/plans',
    {
      config: { access: { permission: 'supply.plan', scope: 'org', level: 'city' } },
      schema: {
        tags,
        summary: 'Create a draft plan (or the next version correcting a published one)',
        body: c.planInput,
        response: { 201: c.planWithPreviewResponse },
      },
    },
    async (request, reply) => {
      const result = await plans.createPlan(
        contextOf(request),
        deps,
        request.body,
        request.language,
      );
      markAudited(request);
      return reply.status(201).send(result);
    },
  );

  r.post(
    '/api/supply/preview',
    {
      config: { access: { permission: 'supply.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Preview an unsaved plan: quotas per grade, allocated, reserved, idle',
        body: c.planInput,
        response: { 200: c.previewResponse },
      },
    },
    async (request) => {
      markAudited(request); // reads only
      return {
        preview: await plans.previewUnsaved(
          contextOf(request),
          deps,
          request.body,
          request.language,
        ),
      };
    },
  );

  r.get(
    '/api/supply/plans/:id',
    {
      config: { access: { permission: 'supply.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'One plan',
        params: c.planIdParams,
        response: { 200: c.planResponse },
      },
    },
    async (request) => ({ plan: await plans.getPlan(contextOf(request), request.params.id) }),
  );

  r.put(
    '/api/supply/plans/:id',
    {
      config: { access: { permission: 'supply.plan', scope: 'org', level: 'city' } },
      schema: {
        tags,
        summary: 'Replace a draft’s figures (a published plan is immutable: 409)',
        params: c.planIdParams,
        body: c.planUpdateInput,
        response: { 200: c.planWithPreviewResponse },
      },
    },
    async (request) => {
      const result = await plans.updatePlan(
        contextOf(request),
        deps,
        request.params.id,
        request.body,
        request.language,
      );
      markAudited(request);
      return result;
    },
  );

  r.post(
    '/api/supply/plans/:id/preview',
    {
      config: { access: { permission: 'supply.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Preview a stored plan, optionally with another target (the editor’s slider)',
        params: c.planIdParams,
        body: z.strictObject({ target: z.number().optional() }).nullish(),
        response: { 200: c.previewResponse },
      },
    },
    async (request) => {
      markAudited(request); // reads only
      return {
        preview: await plans.previewPlan(
          contextOf(request),
          deps,
          request.params.id,
          request.language,
          request.body?.target !== undefined ? { target: request.body.target } : undefined,
        ),
      };
    },
  );

  r.post(
    '/api/supply/plans/:id/publish',
    {
      config: { access: { permission: 'supply.publish', scope: 'org', level: 'city' } },
      schema: {
        tags,
        summary: 'Publish a draft; it becomes immutable (publishing twice: 409)',
        params: c.planIdParams,
        response: { 200: c.planWithPreviewResponse },
      },
    },
    async (request) => {
      const result = await plans.publishPlan(
        contextOf(request),
        deps,
        request.params.id,
        request.language,
      );
      markAudited(request);
      return result;
    },
  );

  r.get(
    '/api/supply/board',
    {
      config: { access: { permission: 'supply.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'The week’s plan board of a city: every brand-spec, status, utilisation',
        querystring: c.boardQuery,
        response: { 200: c.boardResponse },
      },
    },
    async (request) =>
      quotas.weekBoard(contextOf(request), deps, request.query.cityCode, request.query.week),
  );

  r.get(
    '/api/supply/board/export',
    {
      config: { access: { permission: 'supply.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'The week’s published quota table (grade × brand-spec, per cell) as xlsx',
        querystring: c.boardQuery,
      },
    },
    async (request, reply) => {
      const { cityCode, week } = request.query;
      const file = await imports.quotaWorkbook(
        contextOf(request),
        cityCode,
        week,
        request.language,
      );
      reply.header('content-disposition', `attachment; filename="quotas-${cityCode}-${week}.xlsx"`);
      reply.type(xlsxType);
      return reply.send(file);
    },
  );

  r.post(
    '/api/supply/targets/import',
    {
      config: { access: { permission: 'supply.plan', scope: 'org', level: 'city' } },
      schema: {
        tags,
        summary:
          'Import a week’s targets (csv or xlsx) as drafts: every row or none, with a report',
        querystring: c.targetsImportQuery,
        body: c.fileImportRequest,
        response: { 200: c.importResponse },
      },
    },
    async (request) => {
      const result = await imports.importTargets(
        contextOf(request),
        deps,
        request.query.cityCode,
        request.query.week,
        request.body,
      );
      markAudited(request);
      return result;
    },
  );

  r.get(
    '/api/supply/retailers/:retailerId/quotas',
    {
      config: { access: { permission: 'supply.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'A retailer’s quotas for a week, with the reason of each zero',
        params: c.retailerQuotasParams,
        querystring: c.retailerQuotasQuery,
        response: { 200: c.retailerQuotasResponse },
      },
    },
    async (request) =>
      quotas.retailerQuotas(
        contextOf(request),
        deps,
        request.params.retailerId,
        request.query.week,
      ),
  );

  r.get(
    '/api/supply/my-quotas',
    {
      config: { access: { permission: 'self.read', scope: 'self' } },
      schema: {
        tags,
        summary: 'The logged-in retailer’s quotas for a week',
        querystring: c.retailerQuotasQuery,
        response: { 200: c.retailerQuotasResponse },
      },
    },
    async (request) => quotas.myQuotas(contextOf(request), deps, request.query.week),
  );

  r.get(
    '/api/supply/positions',
    {
      config: { access: { permission: 'supply.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Weekly supply per brand-spec at the city’s logistics centre',
        querystring: c.positionsQuery,
        response: { 200: c.positionsResponse },
      },
    },
    async (request) =>
      positions.listPositions(contextOf(request), request.query.cityCode, request.query.week),
  );

  r.put(
    '/api/supply/positions',
    {
      config: { access: { permission: 'supply.plan', scope: 'org', level: 'city' } },
      schema: {
        tags,
        summary: 'Enter the week’s stock, expected inbound and safety stock per brand-spec',
        body: c.positionsInput,
        response: { 200: c.positionsResponse },
      },
    },
    async (request) => {
      const result = await positions.savePositions(contextOf(request), deps, request.body);
      markAudited(request);
      return result;
    },
  );

  r.post(
    '/api/supply/positions/import',
    {
      config: { access: { permission: 'supply.plan', scope: 'org', level: 'city' } },
      schema: {
        tags,
        summary: 'Import the week’s supply positions (csv or xlsx): every row or none',
        querystring: c.boardQuery,
        body: c.fileImportRequest,
        response: { 200: c.importResponse },
      },
    },
    async (request) => {
      const result = await positions.importPositions(
        contextOf(request),
        deps,
        request.query.cityCode,
        request.query.week,
        request.body,
      );
      markAudited(request);
      return result;
    },
  );
}
