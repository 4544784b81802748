import { AlertOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { NavEntry, WebModule } from '../../ui/module';
import type { CurrentUser } from '../../../contracts/auth';

// Leaflet and the drawing plugin load with the page, not with the shell.
const DisruptionPage = lazy(() =>
  import('./pages/DisruptionPage').then((m) => ({ default: m.DisruptionPage })),
);

/**
 * The disruption screens (区域管控): draw or pick areas with their impact before saving, the list
 * and timeline of areas, and a place's status history. The shell collects `disruptionModule` (its
 * routes under the guarded layout, its menu entry) from `src/web/module-list.ts`.
 */
export const disruptionRoutes: RouteObject[] = [
  { path: 'disruption', element: createElement(DisruptionPage) },
];

/** The menu entry; its label is the shell's `nav.disruption`. */
const disruptionNavEntry: NavEntry = {
  path: '/disruption',
  label: 'nav.disruption',
  icon: createElement(AlertOutlined),
  visible: (user: CurrentUser) =>
    user.role !== 'retailer' && user.permissions.includes('disruption.read'),
};

/** For the overview map: areas in force and held-back retailers per county (refreshes each minute). */
export { useDisruptionOverview, type DisruptionOverviewDto } from './api';
export {
  disruptionByCounty,
  disruptionLevel,
  levelColours,
  type CountyDisruption,
} from './overview';

/** The screens and the sidebar entry, for the shell to collect (`src/web/modules.ts`). */
export const disruptionModule: WebModule = { routes: disruptionRoutes, nav: [disruptionNavEntry] };
