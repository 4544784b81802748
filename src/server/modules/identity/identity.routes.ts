import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginRequest, loginResponse, meResponse } from '../../../contracts/auth';
import { okResponse } from '../../../contracts/common';
import { sessionCookie } from '../../platform/http/access-control';
import { markAudited } from '../../platform/http/access-control';
import { AppError } from '../../platform/errors';
import * as service from './identity.service';

export interface IdentityRouteOptions {
  resolver: service.SessionResolver;
  sessionTtlHours: number;
  secureCookies: boolean;
  /** Log-in attempts allowed per client address and minute. */
  loginAttemptsPerMinute: number;
}

export async function identityRoutes(app: FastifyInstance, options: IdentityRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();

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
        {
          username: request.body.username,
          password: request.body.password,
          userAgent: request.headers['user-agent'],
          ip: request.ip,
        },
        options.sessionTtlHours,
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
        user: await service.describeUser(app.db, result.actor, request.language),
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
      const header = request.headers.authorization;
      const token = header?.toLowerCase().startsWith('bearer ')
        ? header.slice(7).trim()
        : request.cookies[sessionCookie];
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
      return { user: await service.describeUser(app.db, request.actor, request.language) };
    },
  );
}
