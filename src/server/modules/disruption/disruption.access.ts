import type { Actor, DataScope } from '../../platform/auth/scope';
import { AppError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import type { FieldProblem } from './disruption.rules';
import { provinceCode } from '../../../engines/geo';

/** The companies whose areas the scope sees: its own city's and province-wide ones. */
export function visibleCompanies(scope: DataScope): string[] | undefined {
  switch (scope.kind) {
    case 'province':
      return undefined;
    case 'city':
    case 'county':
    case 'retailer':
      return [scope.cityCode, provinceCode];
  }
}

/** A city user manages their city's areas; only province users declare province-wide ones. */
export function assertManages(actor: Actor, companyId: string): void {
  if (actor.scope.kind === 'province') return;
  if (actor.scope.kind === 'city' && actor.scope.cityCode === companyId) return;
  throw new AppError('FORBIDDEN');
}

export function validationError(problems: FieldProblem[], language: Language): AppError {
  return new AppError('VALIDATION_FAILED', {
    details: problems.map((p) => ({
      path: p.path,
      code: p.code,
      message: language === 'en' ? p.message.en : p.message.zh,
    })),
  });
}
