import type { TravelRequest, TravelStatus } from '../../../contracts/workforce';
import { recordAudit } from '../../platform/audit';
import { hasPermission } from '../../platform/auth/roles';
import { scopePathPrefix } from '../../platform/auth/scope';
import type { ServiceContext } from '../../platform/context';
import { AppError, outOfScope, ruleRefused } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { UnitDirectory } from '../org';
import * as registry from './registry.repository';
import * as repo from './travel.repository';
import { decisionProblem } from './travel.rules';
import { unitInScope, wdb, type WorkforceDeps } from './workforce.context';

const travelEntity = { zh: '出行申请', en: 'travel request' };

function toTravel(row: repo.TravelRow, name: string): TravelRequest {
  return {
    id: row.id,
    staffId: row.staff_id,
    staffName: name,
    unitCode: row.unit_code,
    destination: row.destination,
    scope: row.scope,
    purpose: row.purpose,
    essential: row.essential === 1,
    departOn: row.depart_on,
    returnOn: row.return_on,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    createdAt: row.created_at,
  };
}

/** A staff member applies to leave the city or the province (where, why, dates). */
export async function applyForTravel(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  input: {
    destination: string;
    scope: 'out_of_city' | 'out_of_province';
    purpose: string;
    essential: boolean;
    departOn: string;
    returnOn: string;
  },
): Promise<TravelRequest> {
  if (!ctx.actor.staffId) {
    throw ruleRefused({
      zh: '您的账号未关联员工',
      en: 'your account is not linked to a staff member',
    });
  }
  if (input.returnOn < input.departOn) {
    throw ruleRefused({ zh: '返回日期早于出发日期', en: 'the return is before the departure' });
  }
  const member = await registry.findMember(wdb(ctx), ctx.actor.staffId);
  if (!member) throw outOfScope({ zh: '员工', en: 'staff member' });
  const now = deps.now();
  const row: repo.TravelRow = {
    id: newId('trv', now.getTime()),
    company_id: member.company_id,
    staff_id: member.staff_id,
    unit_code: member.unit_code,
    unit_path: member.unit_path,
    destination: input.destination,
    scope: input.scope,
    purpose: input.purpose,
    essential: input.essential ? 1 : 0,
    depart_on: input.departOn,
    return_on: input.returnOn,
    status: 'pending',
    decided_by: null,
    decided_at: null,
    decision_reason: null,
    created_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertTravel(wdb({ db: trx }), [row]);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'travel.apply',
        entityType: 'travel_request',
        entityId: row.id,
        companyId: row.company_id,
        after: input,
      },
    );
  });
  return toTravel(row, member.name);
}

/** The unit head approves, or refuses with a reason, a pending request of their scope. */
export async function decideTravel(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  id: string,
  input: { decision: 'approve' | 'refuse'; reason?: string | undefined },
): Promise<TravelRequest> {
  const db = wdb(ctx);
  const row = await repo.findTravel(db, id);
  if (!row || !row.unit_path.startsWith(scopePathPrefix(ctx.actor.scope))) {
    throw outOfScope(travelEntity);
  }
  const problem = decisionProblem({
    status: row.status,
    travellerStaffId: row.staff_id,
    deciderStaffId: ctx.actor.staffId,
    decision: input.decision,
    reason: input.reason,
  });
  if (problem === 'not_pending') {
    throw new AppError('CONFLICT', {
      params: { reason: { zh: '申请已处理', en: 'the request was already decided' } },
    });
  }
  if (problem === 'own_request') {
    throw ruleRefused({ zh: '不能审批自己的申请', en: 'nobody decides their own request' });
  }
  if (problem === 'reason_required') {
    throw ruleRefused({ zh: '不予批准须说明理由', en: 'a refusal needs a reason' });
  }
  const now = deps.now();
  const change = {
    status: (input.decision === 'approve' ? 'approved' : 'refused') as TravelStatus,
    decided_by: ctx.actor.userId,
    decided_at: now.toISOString(),
    decision_reason: input.reason?.trim() || null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const changed = await repo.decideTravel(wdb({ db: trx }), id, change);
    if (changed !== 1) {
      throw new AppError('CONFLICT', {
        params: { reason: { zh: '申请已处理', en: 'the request was already decided' } },
      });
    }
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: `travel.${input.decision}`,
        entityType: 'travel_request',
        entityId: id,
        companyId: row.company_id,
        before: { status: row.status },
        after: { status: change.status, reason: change.decision_reason },
      },
    );
  });
  const member = await registry.findMember(db, row.staff_id);
  return toTravel({ ...row, ...change }, member?.name ?? row.staff_id);
}

/**
 * Travel requests: the caller's own (`mine`), or — for readers of workforce figures and approvers
 * — those of a unit's subtree, optionally of a status or away on a day ("who is away").
 */
export async function listTravel(
  ctx: ServiceContext,
  units: UnitDirectory,
  query: {
    unit?: string | undefined;
    status?: TravelStatus | undefined;
    awayOn?: string | undefined;
    mine: boolean;
  },
) {
  const db = wdb(ctx);
  let rows: repo.TravelRow[];
  if (query.mine) {
    if (!ctx.actor.staffId) return { items: [] };
    rows = await repo.findTravels(db, {
      staffId: ctx.actor.staffId,
      status: query.status,
      awayOn: query.awayOn,
    });
  } else {
    if (
      !hasPermission(ctx.actor.role, 'workforce.read') &&
      !hasPermission(ctx.actor.role, 'travel.approve')
    ) {
      throw new AppError('FORBIDDEN');
    }
    const path = query.unit
      ? (await unitInScope(ctx, units, query.unit)).path
      : scopePathPrefix(ctx.actor.scope);
    rows = await repo.findTravels(db, {
      pathPrefix: path,
      status: query.status,
      awayOn: query.awayOn,
    });
  }
  const names = new Map(
    (await registry.findMembersByIds(db, [...new Set(rows.map((r) => r.staff_id))])).map((m) => [
      m.staff_id,
      m.name,
    ]),
  );
  return { items: rows.map((r) => toTravel(r, names.get(r.staff_id) ?? r.staff_id)) };
}
