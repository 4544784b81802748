import { scopeCovers, type Actor, type DataScope } from '../../platform/auth/scope';
import { AppError, beyondScope } from '../../platform/errors';
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

/** The counties among `countyCodes` that lie outside the scope. */
export function countiesBeyond(scope: DataScope, countyCodes: readonly string[]): string[] {
  if (scope.kind === 'province') return [];
  return countyCodes.filter((code) => !scopeCovers(scope, `${code.slice(0, 4)}00`, code));
}

/**
 * An area is managed (published, imported, previewed, ended) only by a user whose scope holds
 * every county it touches — the counties its shape intersects and those of every place it covers
 * (`resolveArea`), not a few vertices: a city user within the city, a county user within the
 * county, the province anywhere (docs/architecture.md#security-and-data-scope). Refused with 403
 * naming the counties outside.
 */
export function assertManages(
  actor: Actor,
  countyCodes: readonly string[],
  nameOf: (code: string) => string = (code) => code,
): void {
  if (actor.scope.kind === 'retailer') throw new AppError('FORBIDDEN');
  const beyond = countiesBeyond(actor.scope, countyCodes);
  if (beyond.length === 0) return;
  const names = beyond.map((code) => `${nameOf(code)}（${code}）`);
  throw beyondScope(
    {
      zh: `区域涉及您数据范围以外的县区：${names.join('、')}`,
      en: `the area reaches counties outside your scope: ${beyond.join(', ')}`,
    },
    { countyCodes: beyond },
  );
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
