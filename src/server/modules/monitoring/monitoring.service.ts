import type { OverviewResponse } from '../../../contracts/overview';
import type { ServiceContext } from '../../platform/context';
import type { Language } from '../../platform/i18n';
import { describeUser } from '../identity';
import { unitHeadline, type UnitDirectory } from '../org';
import { retailerFigures, type RetailState } from '../retail';
import { countActiveProducts } from '../supply';

/**
 * The overview of the caller's scope: headline counts and retailers per county for the map.
 * It only reads other modules through their public faces.
 */
export async function overview(
  ctx: ServiceContext,
  retailState: RetailState,
  directory: UnitDirectory,
  language: Language,
): Promise<OverviewResponse> {
  const [units, retail, products, names, user] = await Promise.all([
    unitHeadline(ctx),
    retailerFigures(ctx, retailState),
    countActiveProducts(ctx.db),
    directory.unitNames(language),
    describeUser(directory, ctx.actor, language),
  ]);
  return {
    scopeLabel: user.scope.label,
    headline: {
      cities: units.cities,
      counties: units.counties,
      logisticsCentres: units.logisticsCentres,
      retailers: retail.byCounty.reduce((sum, c) => sum + c.retailers, 0),
      activeRetailers: retail.byCounty.reduce((sum, c) => sum + c.active, 0),
      products,
      staff: units.staff,
      accountManagers: units.accountManagers,
    },
    byCounty: retail.byCounty.map((c) => ({
      code: c.code,
      name: names.get(c.code) ?? c.code,
      cityCode: c.cityCode,
      retailers: c.retailers,
    })),
    byGrade: retail.byGrade,
    byBusinessType: retail.byBusinessType,
  };
}
