import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  loginRequest,
  loginResponse,
  meResponse,
  passwordChangeRequest,
  passwordChangeResponse,
  userDisabledResponse,
  userIdParams,
  userListQuery,
  userListResponse,
} from '../../../contracts/auth';
import { okResponse } from '../../../contracts/common';
import { sessionCookie } from '../../platform/http/access-control';
import { markAudited } from '../../platform/http/access-control';
import { contextOf } from '../../platform/http/request-context';
import { AppError } from '../../platform/errors';
import type { UnitDirectory } from '../org';
import type { LockoutPolicy } from './identity.rules';
import * as service from './identity.service';
import { startIdentityJobs } from './scheduler';

export interface IdentityRouteOptions {
  resolver: service.SessionResolver;
  /** The app's unit directory (its `OrgState`): the units that give actors their scope. */
  units: UnitDirectory;
  sessionTtlHours: number;
  secureCookies: boolean;
  /** Log-in attempts allowed per client address and minute. */
  loginAttemptsPerMinute: number;
  /** Failed log-ins in a row that lock an account, and the cool-down. */
  lockout: LockoutPolicy;
  /** "Now" for sessions and lockouts; tests step it past a cool-down. */
  now: () => Date;
  /** Delete expired sessions on a schedule in this process (the server does; tests need not). */
  jobs: boolean;
}

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.toLowerCase().startsWith('bearer ')
    ? header.slice(7).trim()
    : request.cookies[sessionCookie];
}

export async function identityRoutes(app: FastifyInstance, options: IdentityRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  if (options.jobs) {
    const stop = startIdentityJobs(app.db, app.log, options.now);
    app.addHook('onClose', async () => stop());
  }

  r.post(
    '/api/auth/login',
    {
      config: {
        access: { permission: 'public', scope: 'none' },
        rateLimit: { max: options.loginAttemptsPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary:
          'Log in with username and password; returns a bearer token and sets the session cookie',
        body: loginRequest,
        response: { 200: loginResponse },
      },
    },
    async (request, reply) => {
      const result = await service.logIn(
        app.db,
        options.units,
        {
          username: request.body.username,
          password: request.body.password,
          userAgent: request.headers['user-agent'],
          ip: request.ip,
        },
        { sessionTtlHours: options.sessionTtlHours, lockout: options.lockout, now: options.now() },
      );
      markAudited(request);
      reply.setCookie(sessionCookie, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies,
        path: '/',
        expires: result.expiresAt,
      });
      return {
        token: result.token,
        user: await service.describeUser(options.units, result.actor, request.language),
        notice: result.notice,
      };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { access: { permission: 'authenticated', scope: 'self' } },
      schema: { tags: ['auth'], summary: 'End the current session', response: { 200: okResponse } },
    },
    async (request, reply) => {
      const token = tokenOf(request);
      if (!request.actor || !token) throw new AppError('UNAUTHENTICATED');
      await service.logOut(app.db, request.actor, token, options.resolver);
      markAudited(request);
      reply.clearCookie(sessionCookie, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { access: { permission: 'authenticated', scope: 'self' } },
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user and their scope',
        response: { 200: meResponse },
      },
    },
    async (request) => {
      if (!request.actor) throw new AppError('UNAUTHENTICATED');
      return { user: await service.describeUser(options.units, request.actor, request.language) };
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { access: { permission: 'authenticated', scope: 'self' } },
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password; every other session of the user ends',
        body: passwordChangeRequest,
        response: { 200: passwordChangeResponse },
      },
    },
    async (request) => {
      const token = tokenOf(request);
      if (!token) throw new AppError('UNAUTHENTICATED');
      const result = await service.changePassword(
        contextOf(request),
        { ...request.body, token },
        options.resolver,
        options.lockout,
        options.now(),
      );
      markAudited(request);
      return { ok: true as const, ...result };
    },
  );

  r.get(
    '/api/users',
    {
      config: { access: { permission: 'user.manage', scope: 'org' } },
      schema: {
        tags: ['users'],
        summary: 'Users for the administrator, with whether each is disabled',
        querystring: userListQuery,
        response: { 200: userListResponse },
      },
    },
    async (request) => service.listUsers(contextOf(request), request.query, request.language),
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    r.post(
      `/api/users/:id/${verb}`,
      {
        config: { access: { permission: 'user.manage', scope: 'org' } },
        schema: {
          tags: ['users'],
          summary: disabled
            ? 'Disable a user: they cannot log in, and all their sessions end at once'
            : 'Enable a disabled user again',
          params: userIdParams,
          response: { 200: userDisabledResponse },
        },
      },
      async (request) => {
        const result = await service.setUserDisabled(
          contextOf(request),
          { id: request.params.id },
          disabled,
          options.resolver,
        );
        markAudited(request);
        return result;
      },
    );
  }
}
