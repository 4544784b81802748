import type { Kysely } from 'kysely';
import type { AllocationError } from '../../../engines/allocation';
import type { DataScope } from '../../platform/auth/scope';
import type { ServiceContext } from '../../platform/context';
import { tablesOf } from '../../platform/db/database';
import { AppError, outOfScope, ruleRefused } from '../../platform/errors';
import type { UnitDirectory } from '../org';
import type { RetailState } from '../retail';
import type { OrderingEligibility } from './eligibility';
import type { SupplyCaches } from './eligibility.cache';
import { statusOfEngineErrors } from './plan.rules';
import type { SupplyTables } from './supply.tables';

/** What the supply services need from app assembly (built once in `buildApp`). */
export interface SupplyDeps {
  eligibility: OrderingEligibility;
  /** The server clock (`TONGXIN_CLOCK`): the current week and plan timestamps. */
  now: () => Date;
  /** The retail state whose city attributes plans derive from. */
  retail: RetailState;
  caches: SupplyCaches;
  /** The app's unit directory: place names in plan previews. */
  units: UnitDirectory;
}

export const sdb = (db: Kysely<any>) => tablesOf<SupplyTables>(db);

export const planEntity = { zh: '投放方案', en: 'release plan' };
export const cityEntity = { zh: '市公司', en: 'city company' };
export const retailerEntity = { zh: '零售户', en: 'retailer' };

/** Plans belong to a city company; a county user works on its city's plans. */
export function cityInScope(scope: DataScope, cityCode: string): boolean {
  return scope.kind === 'province' || scope.cityCode === cityCode;
}

export function requireCity(ctx: ServiceContext, cityCode: string): void {
  if (!cityInScope(ctx.actor.scope, cityCode)) throw outOfScope(cityEntity);
}

/** The engine's field errors as the API's 400 or 422, nothing written. */
export function engineRefusal(errors: readonly AllocationError[]): AppError {
  const details = {
    errors: errors.map((e) => ({ path: e.path, code: e.code, message: e.message })),
  };
  if (statusOfEngineErrors(errors) === 400) return new AppError('VALIDATION_FAILED', { details });
  return ruleRefused({ zh: '投放参数不符合规则', en: 'the plan’s figures break a rule' }, details);
}

export function fieldRefusal(
  path: (string | number)[],
  code: AllocationError['code'],
  message: string,
): AppError {
  return engineRefusal([{ path, code, message }]);
}

/** Whether a write failed on a unique index (two planners creating the same line at once). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
