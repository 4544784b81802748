import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<any>;
  }
}

/** The service context of an authenticated request. */
export function contextOf(request: FastifyRequest): ServiceContext {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return { db: request.server.db, actor: request.actor, requestId: request.id, ip: request.ip };
}
