import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as c from '../../../contracts/ordering';
import type { OrderChannel, OrderInput } from '../../../contracts/ordering';
import { errorResponse } from '../../../contracts/common';
import { AppError, outOfScope } from '../../platform/errors';
import { markAudited } from '../../platform/http/access-control';
import { contextOf } from '../../platform/http/request-context';
import { closeDueOrders } from './closing.service';
import { cycleWorkbook } from './cycle.export';
import * as cycles from './cycle.service';
import { orderHistory } from './history.service';
import { orderPage, placeOrder, retailerEntity, type OrderingDeps } from './order.service';
import { listPools, setPool } from './pool.service';
import { cycleReachDays, cycleWithinReach } from './ordering.rules';
import { localDateOf } from '../../../engines/calendar';
import { startClosingJob } from './scheduler';
import { listExtraWindows, openExtraWindow, setWindowRule, windowRuleOf } from './window.service';
import type { UnitDirectory } from '../org';

export interface OrderingRouteOptions {
  deps: OrderingDeps;
  /** The app's unit directory (its `OrgState`): which counties exist, for the window rules. */
  units: UnitDirectory;
  /** Confirm orders as windows close, every minute, in this process (the server does). */
  jobs?: boolean;
}

const refusal = { 422: errorResponse, 404: errorResponse, 403: errorResponse };

/**
 * The order PUTs validate their body with `parseOrderInputFast` first; zod judges (and explains)
 * only what the fast path does not take. Query and headers go to zod as on every route.
 */
const orderBodyValidator: FastifySchemaCompiler<unknown> = (route) => {
  const zod = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  if (route.httpPart !== 'body') return zod;
  return (data) => {
    const value = c.parseOrderInputFast(data);
    return value ? { value } : zod(data);
  };
};

function ownRetailer(request: FastifyRequest): string {
  const id = request.actor?.retailerId;
  if (!id) throw outOfScope(retailerEntity);
  return id;
}

export async function orderingRoutes(
  app: FastifyInstance,
  options: OrderingRouteOptions,
): Promise<void> {
  const { deps } = options;
  if (options.jobs) {
    const stop = startClosingJob(app.db, deps, app.log);
    app.addHook('onClose', async () => stop());
  }
  // Every route that names a cycle (path, query or body) is refused one far from now, before a
  // ledger is built for it (docs/architecture.md#ordering).
  app.addHook('preHandler', async (request) => {
    const named = [request.params, request.query, request.body]
      .map((part) =>
        part && typeof part === 'object' ? (part as { cycleId?: unknown }).cycleId : undefined,
      )
      .filter((id): id is string => typeof id === 'string');
    if (named.length === 0) return;
    const today = localDateOf(deps.now());
    for (const cycleId of named) {
      if (!cycleWithinReach(cycleId, today)) {
        throw new AppError('CYCLE_OUT_OF_RANGE', {
          params: { cycleId },
          details: { cycleId, today, maxDays: cycleReachDays },
        });
      }
    }
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ordering'];

  /** Places the order and sends the answer the service already serialised. */
  const sendPlaced = async (
    request: FastifyRequest,
    reply: FastifyReply,
    retailerId: string,
    channel: OrderChannel,
    body: OrderInput,
    cycleId: string | undefined,
  ) => {
    markAudited(request);
    const placed = await placeOrder(contextOf(request), deps, retailerId, body, {
      channel,
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      ...(cycleId ? { cycleId } : {}),
    });
    return reply
      .type('application/json; charset=utf-8')
      .serializer((payload) => payload as string)
      .send(placed.body);
  };

  r.get(
    '/api/ordering/cycles/current',
    {
      config: { access: { permission: 'authenticated', scope: 'none' } },
      schema: {
        tags,
        summary: 'The cycle whose windows are open or next to open, with its neighbours',
        querystring: z.strictObject({ lang: z.string().max(8).optional() }),
        response: { 200: c.currentCycleResponse },
      },
    },
    async (request) => cycles.currentCycleOf(contextOf(request), deps),
  );

  // ------------------------------------------------------------ a retailer's own order

  r.get(
    '/api/ordering/my-order',
    {
      config: { access: { permission: 'order.place', scope: 'self' } },
      schema: {
        tags,
        summary: 'The logged-in retailer’s order page: window, offer with quotas, its order',
        querystring: c.cycleQuery,
        response: { 200: c.myOrderResponse },
      },
    },
    async (request) =>
      orderPage(contextOf(request), deps, ownRetailer(request), request.query.cycleId),
  );

  r.put(
    '/api/ordering/my-order',
    {
      config: { access: { permission: 'order.place', scope: 'self' } },
      validatorCompiler: orderBodyValidator,
      schema: {
        tags,
        summary: 'Place or replace the logged-in retailer’s order (all lines or none)',
        description:
          'Send `Idempotency-Key`: a retry with the same key returns the first answer and applies once. A refusal is 422 with `details.lines` = `[{productCode, code, requested, limit}]`.',
        querystring: c.cycleQuery,
        headers: c.idempotencyHeaders,
        body: c.orderInput,
        response: { 200: c.putOrderResponse, ...refusal },
      },
    },
    async (request, reply) =>
      sendPlaced(request, reply, ownRetailer(request), 'self', request.body, request.query.cycleId),
  );

  r.get(
    '/api/ordering/my-orders',
    {
      config: { access: { permission: 'order.place', scope: 'self' } },
      schema: {
        tags,
        summary: 'The logged-in retailer’s orders, newest cycle first',
        querystring: c.orderHistoryQuery,
        response: { 200: c.orderHistoryResponse },
      },
    },
    async (request) =>
      orderHistory(contextOf(request), deps.state, ownRetailer(request), request.query),
  );

  // ------------------------------------------------------------ phone orders (电话订货)

  r.get(
    '/api/ordering/retailers/:retailerId/order',
    {
      config: { access: { permission: 'order.take', scope: 'org' } },
      schema: {
        tags,
        summary: 'A retailer’s order page, for staff taking its order by phone',
        params: c.retailerOrderParams,
        querystring: c.cycleQuery,
        response: { 200: c.myOrderResponse },
      },
    },
    async (request) =>
      orderPage(contextOf(request), deps, request.params.retailerId, request.query.cycleId),
  );

  r.put(
    '/api/ordering/retailers/:retailerId/order',
    {
      config: { access: { permission: 'order.take', scope: 'org' } },
      validatorCompiler: orderBodyValidator,
      schema: {
        tags,
        summary: 'Place or replace a retailer’s order taken by phone (channel `phone`)',
        params: c.retailerOrderParams,
        querystring: c.cycleQuery,
        headers: c.idempotencyHeaders,
        body: c.orderInput,
        response: { 200: c.putOrderResponse, ...refusal },
      },
    },
    async (request, reply) =>
      sendPlaced(
        request,
        reply,
        request.params.retailerId,
        'phone',
        request.body,
        request.query.cycleId,
      ),
  );

  r.get(
    '/api/ordering/retailers/:retailerId/orders',
    {
      config: { access: { permission: 'order.take', scope: 'org' } },
      schema: {
        tags,
        summary: 'A retailer’s orders, newest cycle first',
        params: c.retailerOrderParams,
        querystring: c.orderHistoryQuery,
        response: { 200: c.orderHistoryResponse },
      },
    },
    async (request) =>
      orderHistory(contextOf(request), deps.state, request.params.retailerId, request.query),
  );

  // ------------------------------------------------------------ windows and pools

  r.post(
    '/api/ordering/windows',
    {
      config: { access: { permission: 'order.manage', scope: 'org' } },
      schema: {
        tags,
        summary: 'Open an extra window (补订) for counties or named retailers',
        body: c.extraWindowInput,
        response: { 201: c.extraWindowResponse, ...refusal },
      },
    },
    async (request, reply) => {
      markAudited(request);
      const window = await openExtraWindow(
        contextOf(request),
        deps.state,
        request.body,
        deps.now(),
      );
      return reply.code(201).send({ window });
    },
  );

  r.get(
    '/api/ordering/windows',
    {
      config: { access: { permission: 'order.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Extra windows, newest first',
        querystring: c.extraWindowsQuery,
        response: { 200: c.extraWindowsResponse },
      },
    },
    async (request) => ({
      items: await listExtraWindows(contextOf(request), deps.state, request.query.cycleId),
    }),
  );

  r.get(
    '/api/ordering/window-rules/:countyCode',
    {
      config: { access: { permission: 'order.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'A county’s weekly ordering window rule (its own, or the default)',
        params: c.windowRuleParams,
        response: { 200: c.windowRuleResponse },
      },
    },
    async (request) => windowRuleOf(contextOf(request), options.units, request.params.countyCode),
  );

  r.put(
    '/api/ordering/window-rules/:countyCode',
    {
      config: { access: { permission: 'order.manage', scope: 'org' } },
      schema: {
        tags,
        summary: 'Set a county’s weekly ordering window rule; the next windows follow it',
        params: c.windowRuleParams,
        body: c.windowRule,
        response: { 200: c.windowRuleResponse, ...refusal },
      },
    },
    async (request) => {
      markAudited(request);
      return setWindowRule(
        contextOf(request),
        deps.state,
        options.units,
        request.params.countyCode,
        request.body,
        deps.now(),
      );
    },
  );

  r.get(
    '/api/ordering/pools',
    {
      config: { access: { permission: 'order.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Total-control pools (总量控制) of a city’s cycle and what orders drew',
        querystring: c.poolsQuery,
        response: { 200: c.poolsResponse },
      },
    },
    async (request) => ({
      items: await listPools(
        contextOf(request),
        deps.state,
        request.query.cycleId,
        request.query.cityCode,
      ),
    }),
  );

  r.put(
    '/api/ordering/pools',
    {
      config: { access: { permission: 'order.manage', scope: 'org', level: 'city' } },
      schema: {
        tags,
        summary: 'Set a brand-spec’s pool for a city’s cycle',
        body: c.poolInput,
        response: { 200: c.poolResponse, ...refusal },
      },
    },
    async (request) => {
      markAudited(request);
      return { pool: await setPool(contextOf(request), deps.state, request.body, deps.now()) };
    },
  );

  // ------------------------------------------------------------ the cycle, county by county

  r.get(
    '/api/ordering/cycles/:cycleId/progress',
    {
      config: { access: { permission: 'order.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'A county’s cycle: who ordered, who has not, who cannot; the live ordering rate',
        params: c.progressParams,
        querystring: c.progressQuery,
        response: { 200: c.progressResponse },
      },
    },
    async (request) =>
      cycles.cycleProgress(contextOf(request), deps, request.params.cycleId, request.query),
  );

  r.get(
    '/api/ordering/cycles/:cycleId/export',
    {
      config: { access: { permission: 'order.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'A county’s orders of the cycle as an xlsx workbook',
        params: c.progressParams,
        querystring: c.exportQuery,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { rows, ledger } = await cycles.countyRows(
        ctx,
        deps,
        request.params.cycleId,
        request.query.countyCode,
      );
      const names = new Map(ledger.book.products.map((p) => [p.code, p.name]));
      const file = await cycleWorkbook(rows, names, request.language);
      reply.header(
        'content-disposition',
        `attachment; filename="orders-${request.query.countyCode}-${request.params.cycleId}.xlsx"`,
      );
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return reply.send(file);
    },
  );

  r.get(
    '/api/ordering/cycles/:cycleId/demand',
    {
      config: { access: { permission: 'order.read', scope: 'org' } },
      schema: {
        tags,
        summary: 'Demand per brand-spec and delivery date for a city’s logistics centre',
        params: c.progressParams,
        querystring: c.demandQuery,
        response: { 200: c.demandResponse },
      },
    },
    async (request) =>
      cycles.cycleDemand(
        contextOf(request),
        deps.state,
        request.params.cycleId,
        request.query.cityCode,
      ),
  );

  r.post(
    '/api/ordering/cycles/:cycleId/close',
    {
      config: { access: { permission: 'order.manage', scope: 'org', level: 'city' } },
      schema: {
        tags,
        summary:
          'Confirm now the cycle’s orders whose window has closed (the server does it each minute)',
        params: c.progressParams,
        body: z.strictObject({}).optional(),
        response: { 200: c.closeResponse },
      },
    },
    async (request) => {
      // Closing only confirms what time has already closed, so running it early changes nothing.
      const scope = request.actor!.scope;
      const confirmedOrders = await closeDueOrders(request.server.db, deps, {
        cycleId: request.params.cycleId,
        ...(scope.kind === 'province' ? {} : { cityCode: scope.cityCode }),
      });
      return { cycleId: request.params.cycleId, confirmedOrders };
    },
  );
}
