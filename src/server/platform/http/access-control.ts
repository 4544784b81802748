import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit';
import { hasPermission } from '../auth/roles';
import { isEmptyScope, reachesCity, type Actor } from '../auth/scope';
import { AppError, beyondScope } from '../errors';
import { pickLanguage } from '../i18n';
import type { Access } from './access';

export const sessionCookie = 'tx_session';

const cityWideRefusal = {
  zh: '此操作作用于全市，须具备市级数据范围',
  en: 'this writes a city-wide object and needs city scope',
};

export interface Authenticator {
  /** The actor behind a session or bearer token, or null when the token is unknown or expired. */
  resolve(token: string): Promise<Actor | null>;
}

// Routes added by plugins (the OpenAPI UI, static web files) cannot carry our config; they are
// public by nature and listed here so that every other route must declare its access.
const pluginRoutePrefixes = ['/api/docs'];

function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header && header.toLowerCase().startsWith('bearer ')) return header.slice(7).trim() || null;
  const cookie = request.cookies?.[sessionCookie];
  return cookie && cookie.length > 0 ? cookie : null;
}

/**
 * Installs the access rules: refuses to register a route that declares no access, authenticates
 * every request, checks the route's permission against the actor's role, and writes a request-level
 * audit entry for every successful mutation that its service did not audit in detail.
 */
export interface RouteAccessEntry {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the access it declared, for the test that proves none is left open. */
    routeCatalogue: RouteAccessEntry[];
  }
}

export function installAccessControl(
  app: FastifyInstance,
  authenticator: Authenticator,
  db: Kysely<any>,
): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('language', 'zh-CN');
  const catalogue: RouteAccessEntry[] = [];
  app.decorate('routeCatalogue', catalogue);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    const methods = ([] as string[]).concat(route.method as string | string[]);
    let access = route.config?.access;
    if (!access) {
      if (!pluginRoutePrefixes.some((prefix) => url.startsWith(prefix)) && url.startsWith('/api')) {
        throw new Error(`route ${methods.join(',')} ${url} declares no access (config.access)`);
      }
      access = { permission: 'public', scope: 'none' };
      route.config = { ...(route.config ?? {}), access };
    }
    for (const method of methods) catalogue.push({ method, url, access });
  });

  app.addHook('onRequest', async (request) => {
    const query = request.query as Record<string, string | undefined> | undefined;
    request.language = pickLanguage({
      query: query?.lang,
      cookie: request.cookies?.tx_lang,
      acceptLanguage: request.headers['accept-language'],
    });
    const access = request.routeOptions.config?.access;
    if (!access) return; // the not-found handler
    const token = tokenOf(request);
    request.actor = token ? await authenticator.resolve(token) : null;
    if (access.permission === 'public') return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED');
    if (access.permission === 'authenticated') return;
    if (!hasPermission(request.actor.role, access.permission)) throw new AppError('FORBIDDEN');
    // The data-scope rules every module would otherwise repeat, in one place
    // (docs/architecture.md#security-and-data-scope).
    if (access.scope !== 'none' && isEmptyScope(request.actor.scope)) {
      throw new AppError('FORBIDDEN');
    }
    if (access.level === 'city' && !reachesCity(request.actor.scope)) {
      throw beyondScope(cityWideRefusal, { requires: 'city' });
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    if (reply.statusCode >= 400 || (request as { audited?: boolean }).audited) return;
    const access = request.routeOptions.config?.access;
    if (!access) return;
    try {
      await recordAudit(
        db,
        { actor: request.actor, requestId: request.id, ip: request.ip },
        {
          action: `${request.method} ${request.routeOptions.url ?? request.url}`,
          entityType: 'request',
          entityId: null,
        },
      );
    } catch (error) {
      request.log.error({ err: error }, 'audit write failed');
    }
  });
}

/** Marks a request as audited in detail by its service, so the request-level entry is skipped. */
export function markAudited(request: FastifyRequest): void {
  (request as { audited?: boolean }).audited = true;
}
