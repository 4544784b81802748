import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../../../contracts/workforce';
import { markAudited } from '../../platform/http/access-control';
import { contextOf } from '../../platform/http/request-context';
import * as availability from './availability.service';
import { everyoneCanCommute, type CommuteOracle } from './commute';
import * as health from './health.service';
import * as registry from './registry.service';
import { purgeHealthReports } from './retention.service';
import { rosterWorkbook } from './roster.export';
import * as rosters from './roster.service';
import { startWorkforceJobs } from './scheduler';
import * as travel from './travel.service';
import * as volunteer from './volunteer.service';
import { changeSettings } from './settings.service';
import { loadSettings, unitInScope, type WorkforceDeps } from './workforce.context';
import type { WorkforceState } from './workforce.state';
import type { UnitDirectory } from '../org';

export interface WorkforceRouteOptions {
  /** Whether people may commute from home (the disruption layer's answer); default: all may. */
  commuteOracle?: CommuteOracle;
  uploadDir?: string;
  /** The server clock: today's report day, rosters, availability, the retention purge. */
  now?: () => Date;
  /** The app's workforce memory (`createWorkforceState`). */
  state: WorkforceState;
  /** The app's unit directory (its `OrgState`). */
  units: UnitDirectory;
  /** Run the nightly retention purge in this process (the server does; tests need not). */
  jobs?: boolean;
}

export async function workforceRoutes(
  app: FastifyInstance,
  options: WorkforceRouteOptions,
): Promise<void> {
  const deps: WorkforceDeps = {
    commute: options.commuteOracle ?? everyoneCanCommute,
    now: options.now ?? (() => new Date()),
    uploadDir: options.uploadDir ?? path.resolve('var', 'uploads'),
    state: options.state,
    units: options.units,
  };
  if (options.jobs) {
    const stop = startWorkforceJobs(app.db, app.log, deps.now);
    app.addHook('onClose', async () => stop());
  }
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['workforce'];

  // ------------------------------------------------------------ daily health report

  r.get(
    '/api/workforce/me',
    {
      config: { access: { permission: 'health.report', scope: 'self' } },
      schema: {
        tags,
        summary: 'The caller’s day: today’s report, the proposed mode and two weeks of history',
        querystring: z.strictObject({ lang: z.string().max(8).optional() }),
        response: { 200: c.myDayResponse },
      },
    },
    async (request) => health.myDay(contextOf(request), deps),
  );

  r.post(
    '/api/workforce/health-reports',
    {
      config: { access: { permission: 'health.report', scope: 'self' } },
      schema: {
        tags,
        summary: 'File the day’s health report (own, or for someone with health.file_for_others)',
        body: c.healthReportInput,
        response: { 201: c.healthReportResponse },
      },
    },
    async (request, reply) => {
      const report = await health.submitReport(contextOf(request), deps, request.body);
      markAudited(request);
      return reply.status(201).send({ report });
    },
  );

  r.get(
    '/api/workforce/health-reports',
    {
      config: { access: { permission: 'health.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Current health reports of a unit’s day (officer of the same company; audited)',
        querystring: c.healthListQuery,
        response: { 200: c.healthListResponse },
      },
    },
    async (request) =>
      health.listReports(contextOf(request), deps, request.query, request.language),
  );

  r.get(
    '/api/workforce/health-reports/staff/:staffId',
    {
      config: { access: { permission: 'health.report', scope: 'self' } },
      schema: {
        tags,
        summary:
          'One person’s recent reports (the person, or an officer of their company; audited)',
        params: c.staffHistoryParams,
        querystring: c.staffHistoryQuery,
        response: { 200: c.staffHistoryResponse },
      },
    },
    async (request) =>
      health.staffHistory(contextOf(request), deps, request.params.staffId, request.query.days),
  );

  // ------------------------------------------------------------ availability

  r.get(
    '/api/workforce/availability',
    {
      config: { access: { permission: 'workforce.read', scope: 'org' } },
      schema: {
        tags,
        summary:
          'Availability of a unit on a day: head-count, on site, unable ratio, by mode and child unit',
        querystring: c.availabilityQuery,
        response: { 200: c.availabilityResponse },
      },
    },
    async (request) =>
      availability.availability(contextOf(request), deps, request.query, request.language),
  );

  r.get(
    '/api/workforce/availability/trend',
    {
      config: { access: { permission: 'workforce.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Daily availability of a unit over the last weeks',
        querystring: c.trendQuery,
        response: { 200: c.availabilityTrendResponse },
      },
    },
    async (request) =>
      availability.availabilityTrend(contextOf(request), deps, request.query, request.language),
  );

  r.get(
    '/api/workforce/missing',
    {
      config: { access: { permission: 'workforce.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Who has not reported for the day (the reminder list)',
        querystring: c.missingQuery,
        response: { 200: c.missingResponse },
      },
    },
    async (request) =>
      availability.missingReports(contextOf(request), deps, request.query, request.language),
  );

  // ------------------------------------------------------------ registry

  r.get(
    '/api/workforce/members',
    {
      config: { access: { permission: 'workforce.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'The staff registry of a unit’s subtree',
        querystring: c.registryQuery,
        response: { 200: c.registryResponse },
      },
    },
    async (request) => registry.listMembers(contextOf(request), deps.units, request.query),
  );

  r.post(
    '/api/workforce/members/import',
    {
      config: { access: { permission: 'workforce.configure', scope: 'org' } },
      schema: {
        tags,
        summary:
          'Import staff from a csv or xlsx sheet, all rows or none, with a row-by-row report',
        body: c.importRequest,
        response: { 200: c.importResponse },
      },
    },
    async (request) => {
      const result = await registry.importMembers(contextOf(request), deps, request.body);
      markAudited(request);
      return result;
    },
  );

  // ------------------------------------------------------------ rosters

  r.get(
    '/api/workforce/rosters',
    {
      config: { access: { permission: 'workforce.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Duty rosters of a unit’s subtree with gaps and suggested replacements',
        querystring: c.rosterQuery,
        response: { 200: c.rosterResponse },
      },
    },
    async (request) =>
      rosters.roster(
        contextOf(request),
        deps,
        { ...request.query, gapsOnly: request.query.gapsOnly === 'true' },
        request.language,
      ),
  );

  r.get(
    '/api/workforce/rosters/export',
    {
      config: { access: { permission: 'workforce.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'The roster of the next days as a printable xlsx workbook',
        querystring: c.rosterExportQuery,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const unit = await unitInScope(ctx, deps.units, request.query.unit, request.language);
      const result = await rosters.roster(
        ctx,
        deps,
        { ...request.query, gapsOnly: false },
        request.language,
      );
      const file = await rosterWorkbook(unit.name, result.from, result.shifts, request.language);
      reply.header(
        'content-disposition',
        `attachment; filename="roster-${unit.code}-${result.from}.xlsx"`,
      );
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return reply.send(file);
    },
  );

  r.post(
    '/api/workforce/shifts',
    {
      config: { access: { permission: 'roster.manage', scope: 'org' } },
      schema: {
        tags,
        summary: 'Create a duty shift with its minimum head-count, required skills and people',
        body: c.shiftInput,
        response: { 201: c.shiftResponse },
      },
    },
    async (request, reply) => {
      const shift = await rosters.createShift(
        contextOf(request),
        deps,
        request.body,
        request.language,
      );
      markAudited(request);
      return reply.status(201).send({ shift });
    },
  );

  r.post(
    '/api/workforce/shifts/:id/assignments',
    {
      config: { access: { permission: 'roster.manage', scope: 'org' } },
      schema: {
        tags,
        summary: 'Add a person to a shift',
        params: c.shiftIdParams,
        body: c.assignInput,
        response: { 200: c.shiftResponse },
      },
    },
    async (request) => {
      const shift = await rosters.assignToShift(
        contextOf(request),
        deps,
        request.params.id,
        request.body.staffId,
        request.language,
      );
      markAudited(request);
      return { shift };
    },
  );

  r.post(
    '/api/workforce/shifts/:id/swap',
    {
      config: { access: { permission: 'roster.manage', scope: 'org' } },
      schema: {
        tags,
        summary: 'Confirm a swap: an available person replaces a rostered one',
        params: c.shiftIdParams,
        body: c.swapInput,
        response: { 200: c.shiftResponse },
      },
    },
    async (request) => {
      const shift = await rosters.swapOnShift(
        contextOf(request),
        deps,
        request.params.id,
        request.body,
        request.language,
      );
      markAudited(request);
      return { shift };
    },
  );

  // ------------------------------------------------------------ travel

  r.post(
    '/api/workforce/travel',
    {
      config: { access: { permission: 'health.report', scope: 'self' } },
      schema: {
        tags,
        summary: 'Apply to leave the city or the province',
        body: c.travelInput,
        response: { 201: c.travelResponse },
      },
    },
    async (request, reply) => {
      const result = await travel.applyForTravel(contextOf(request), deps, request.body);
      markAudited(request);
      return reply.status(201).send({ travel: result });
    },
  );

  r.post(
    '/api/workforce/travel/:id/decision',
    {
      config: { access: { permission: 'travel.approve', scope: 'org' } },
      schema: {
        tags,
        summary: 'Approve, or refuse with a reason, a pending travel request',
        params: c.travelIdParams,
        body: c.travelDecisionInput,
        response: { 200: c.travelResponse },
      },
    },
    async (request) => {
      const result = await travel.decideTravel(
        contextOf(request),
        deps,
        request.params.id,
        request.body,
      );
      markAudited(request);
      return { travel: result };
    },
  );

  r.get(
    '/api/workforce/travel',
    {
      config: { access: { permission: 'health.report', scope: 'org' } },
      schema: {
        tags,
        summary: 'Travel requests: one’s own, or a unit’s (status, who is away on a day)',
        querystring: c.travelListQuery,
        response: { 200: c.travelListResponse },
      },
    },
    async (request) =>
      travel.listTravel(contextOf(request), deps.units, {
        ...request.query,
        mine: request.query.mine === 'true',
      }),
  );

  // ------------------------------------------------------------ volunteer service

  r.post(
    '/api/workforce/volunteer',
    {
      config: { access: { permission: 'health.report', scope: 'self' } },
      schema: {
        tags,
        summary: 'Log volunteer service (hours, community, type, optional photo)',
        body: c.volunteerInput,
        response: { 201: c.volunteerResponse },
      },
    },
    async (request, reply) => {
      const entry = await volunteer.logVolunteerService(contextOf(request), deps, request.body);
      markAudited(request);
      return reply.status(201).send({ entry });
    },
  );

  r.get(
    '/api/workforce/volunteer',
    {
      config: { access: { permission: 'workforce.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Volunteer service entries of a unit’s subtree',
        querystring: c.volunteerListQuery,
        response: { 200: c.volunteerListResponse },
      },
    },
    async (request) => volunteer.listVolunteerService(contextOf(request), deps, request.query),
  );

  r.get(
    '/api/workforce/volunteer/summary',
    {
      config: { access: { permission: 'workforce.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Volunteer hours by unit and type, and the leaderboard',
        querystring: c.volunteerListQuery,
        response: { 200: c.volunteerSummaryResponse },
      },
    },
    async (request) =>
      volunteer.volunteerSummary(contextOf(request), deps, request.query, request.language),
  );

  r.get(
    '/api/workforce/volunteer/:id/photo',
    {
      config: { access: { permission: 'workforce.read', scope: 'org' } },
      schema: { tags, summary: 'The photo of a volunteer entry', params: c.volunteerIdParams },
    },
    async (request, reply) => {
      const photo = await volunteer.volunteerPhoto(contextOf(request), deps, request.params.id);
      reply.header('cache-control', 'private, max-age=3600');
      return reply.type(photo.type).send(photo.bytes);
    },
  );

  // ------------------------------------------------------------ settings and retention

  r.get(
    '/api/workforce/settings',
    {
      config: { access: { permission: 'workforce.read', scope: 'none' } },
      schema: { tags, summary: 'Workforce settings', response: { 200: c.settingsResponse } },
    },
    async (request) => ({ settings: await loadSettings(contextOf(request)) }),
  );

  r.put(
    '/api/workforce/settings',
    {
      config: { access: { permission: 'workforce.configure', scope: 'none' } },
      schema: {
        tags,
        summary: 'Change the report cut-off, the retention and the test interval',
        body: c.workforceSettings,
        response: { 200: c.settingsResponse },
      },
    },
    async (request) => {
      const settings = await changeSettings(contextOf(request), deps, request.body);
      markAudited(request);
      return { settings };
    },
  );

  r.post(
    '/api/workforce/purge',
    {
      config: { access: { permission: 'workforce.configure', scope: 'none' } },
      schema: {
        tags,
        summary: 'Run the retention purge now (it also runs every night)',
        body: z.strictObject({ confirm: z.literal(true) }),
        response: { 200: c.purgeResponse },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const result = await purgeHealthReports(request.server.db, deps.now(), {
        actor: ctx.actor,
        via: 'api',
        requestId: request.id,
        ip: request.ip,
      });
      markAudited(request);
      return result;
    },
  );
}
