import type { Permission } from '../auth/roles';
import type { Actor } from '../auth/scope';
import type { Language } from '../i18n';

/**
 * What a route requires. Every route must declare one (app start-up refuses a route without it and a
 * test enumerates them): the permission checked against the user's role, and the data scope its
 * service applies.
 *
 * - `permission: 'public'` — no log-in (health, log-in itself, the web app).
 * - `permission: 'authenticated'` — any logged-in user (their own profile, log-out).
 * - `scope: 'org'` — rows limited to the user's org subtree; `'self'` — only the user's own rows;
 *   `'none'` — the route touches no scoped data.
 * - `level: 'city'` — the route writes a city-wide object (a pool, a supply position, a plan, a
 *   cycle's closing): a county- or retailer-scoped actor is refused 403 whatever its permission
 *   (docs/architecture.md#security-and-data-scope). Checked in the access hook, nowhere else.
 */
export interface Access {
  permission: Permission | 'public' | 'authenticated';
  scope: 'org' | 'self' | 'none';
  level?: 'city';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    language: Language;
  }
}

export function describeAccess(access: Access): string {
  return `${access.permission} (${access.scope} scope${access.level ? `, ${access.level}-wide` : ''})`;
}
