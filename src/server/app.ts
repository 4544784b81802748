import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { identityRoutes, SessionResolver } from './modules/identity';
import { monitoringRoutes } from './modules/monitoring';
import { createOrgState, dataDir, orgRoutes, type OrgState } from './modules/org';
import { createRetailState, retailRoutes, type RetailState } from './modules/retail';
import {
  createSupplyCaches,
  supplyRoutes,
  type OrderingEligibility,
  type SupplyCaches,
} from './modules/supply';
import {
  createWorkforceState,
  workforceRoutes,
  type CommuteOracle,
  type WorkforceState,
} from './modules/workforce';
import { commuteOracleFor } from './flows/workforce-commute';
import { disruptionEligibility } from './flows/disruption-supply';
import { wireDisruptionEvents } from './flows/disruption-events';
import {
  AreasChangedHub,
  createDisruptionState,
  disruptionRoutes,
  type DisruptionState,
} from './modules/disruption';
import { OrderingState, orderingRoutes, type OrderingStateOptions } from './modules/ordering';
import { realClock } from './platform/clock';
import type { DialectName } from './platform/db/database';
import { AppError } from './platform/errors';
import { installAccessControl } from './platform/http/access-control';
import { healthRoutes } from './platform/http/health.routes';
import { serveWebApp } from './platform/http/web-app';
import { installErrorHandler } from './platform/http/error-handler';
import { installSecurityHeaders } from './platform/http/security-headers';
import './platform/http/request-context';
import { installBilingualValidationMessages } from './platform/validation-messages';

export interface AppOptions {
  db: Kysely<any>;
  dialect: DialectName;
  /** Built web app to serve (`dist/web`); omitted in API-only tests. */
  webDir?: string | null;
  logLevel?: string;
  sessionTtlHours?: number;
  /** `Secure` session cookie and HSTS (docs/operations.md); off unless the caller says so. */
  secureCookies?: boolean;
  loginAttemptsPerMinute?: number;
  /** Failed log-ins in a row that lock an account, and for how long; default 5 and 15 minutes. */
  loginLockout?: { maxFailures: number; cooldownMinutes: number };
  /**
   * Proxies whose `X-Forwarded-For` sets `request.ip` (rate limits, audit); default none, so the
   * header is ignored and a client cannot choose its own address.
   */
  trustedProxies?: readonly string[];
  /** "Now" for sessions and log-in lockouts; default real time (not `TONGXIN_CLOCK`). */
  authClock?: () => Date;
  /** Whether staff may commute from home; default: the wiring in `flows/workforce-commute`. */
  commuteOracle?: CommuteOracle;
  /** Who may order (supply release reserves the rest); default: the disruption layer's effects. */
  orderingEligibility?: OrderingEligibility;
  /** Where uploaded photos go; default `./var/uploads` (the server passes `Config.varDir`'s). */
  uploadDir?: string;
  /** Reference data (`Config.dataDir`); default `TONGXIN_DATA_DIR` or `./data`. */
  dataDir?: string;
  /** Run nightly jobs (retention purge) in this process; the server does, tests do not. */
  backgroundJobs?: boolean;
  /**
   * The server's "now" for every module (`clockFrom(config.clock)`: `TONGXIN_CLOCK`); default real
   * time. Identity keeps its own (`authClock`).
   */
  clock?: () => Date;
  /** Ordering's ledger eviction and lease (`Config.ordering`); defaults in the module. */
  ordering?: Partial<OrderingStateOptions>;
}

export const version = '0.1.0';

/**
 * What the app keeps in memory, one object per module (docs/architecture.md#where-state-lives):
 * built here, passed to the routes and services that use them, released on close. Exposed as
 * `app.state` for tests and benchmarks to look at, never for modules to reach into.
 */
export interface AppState {
  org: OrgState;
  retail: RetailState;
  disruption: DisruptionState;
  supply: SupplyCaches;
  workforce: WorkforceState;
  /** Area changes, heard by the listeners `flows/disruption-events.ts` wires. */
  areasChanged: AreasChangedHub;
}

declare module 'fastify' {
  interface FastifyInstance {
    state: AppState;
  }
}

/** Assembles the application: platform hooks, OpenAPI, every module's routes and the web app. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  installBilingualValidationMessages();
  const clock = options.clock ?? realClock;
  const app = Fastify({
    logger: { level: options.logLevel ?? 'warn' },
    bodyLimit: 1024 * 1024,
    // Request ids in logs and audit entries; trust no client-supplied id.
    genReqId: () => Math.random().toString(36).slice(2, 12),
    trustProxy:
      options.trustedProxies && options.trustedProxies.length > 0
        ? [...options.trustedProxies]
        : false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.db);

  const org = createOrgState(options.db);
  const retail = createRetailState(options.db);
  const areasChanged = new AreasChangedHub();
  const disruption = createDisruptionState({
    db: options.db,
    retail,
    events: areasChanged,
    clock,
  });
  const supplyCaches = createSupplyCaches(retail);
  const workforce = createWorkforceState(options.db, options.dataDir ?? dataDir());
  const state: AppState = {
    org,
    retail,
    disruption,
    supply: supplyCaches,
    workforce,
    areasChanged,
  };
  app.decorate('state', state);
  const unwire = wireDisruptionEvents(areasChanged, {
    log: app.log,
    forgetEligibility: () => supplyCaches.forgetEligibility(),
  });
  app.addHook('onClose', async () => {
    unwire();
    areasChanged.close();
    supplyCaches.close();
    workforce.close();
    disruption.close();
    retail.close();
    org.close();
  });
  const eligibility = options.orderingEligibility ?? disruptionEligibility(disruption);

  installErrorHandler(app);
  await app.register(cookie);
  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Local and intranet installs serve plain HTTP; upgrading would break them.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS only where the deployment serves HTTPS (it also sets secure cookies).
    hsts: options.secureCookies ?? false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => {
      const error = new AppError('TOO_MANY_REQUESTS');
      // The error handler localises it; statusCode tells Fastify what to send.
      return Object.assign(error, { statusCode: 429 });
    },
  });

  const resolver = new SessionResolver(options.db, org);
  installAccessControl(app, resolver, options.db);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tongxin 同心 API',
        description:
          'Operations platform of a provincial tobacco commercial company. Errors: `{"error":{"code","message","details"}}`, zh-CN by default, English with `Accept-Language: en` or `?lang=en`.',
        version,
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'tx_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(identityRoutes, {
    resolver,
    units: org,
    sessionTtlHours: options.sessionTtlHours ?? 12,
    secureCookies: options.secureCookies ?? false,
    loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 10,
    lockout: options.loginLockout ?? { maxFailures: 5, cooldownMinutes: 15 },
    now: options.authClock ?? (() => new Date()),
    jobs: options.backgroundJobs ?? false,
  });
  await app.register(orgRoutes, { state: org });
  await app.register(retailRoutes, { state: retail, units: org });
  await app.register(supplyRoutes, {
    eligibility,
    retail,
    caches: supplyCaches,
    units: org,
    now: clock,
  });
  await app.register(monitoringRoutes, { retail, units: org });
  await app.register(workforceRoutes, {
    commuteOracle: options.commuteOracle ?? commuteOracleFor(disruption),
    jobs: options.backgroundJobs ?? false,
    now: clock,
    state: workforce,
    units: org,
    ...(options.uploadDir ? { uploadDir: options.uploadDir } : {}),
  });
  await app.register(disruptionRoutes, { state: disruption });
  // Ordering's ledgers and its lease on the database live as long as the app.
  const ordering = await OrderingState.open(options.db, { ...options.ordering, retail });
  app.addHook('onClose', async () => ordering.close());
  await app.register(healthRoutes, {
    db: options.db,
    dialect: options.dialect,
    version,
    clock,
    memoryRoots: () => [
      ['unit directory', org],
      ['retail directory and profiles', retail],
      ['disruption view', disruption],
      ['supply caches', supplyCaches],
      ['staff registry', workforce],
      ['ordering ledgers and windows', ordering],
    ],
    orderingMemory: () => ordering.memory(),
    notMemory: [options.db, app],
  });
  await app.register(orderingRoutes, {
    deps: { eligibility, now: clock, state: ordering },
    units: org,
    jobs: options.backgroundJobs ?? false,
  });

  if (options.webDir && fs.existsSync(path.join(options.webDir, 'index.html'))) {
    await serveWebApp(app, options.webDir);
  }

  return app;
}
