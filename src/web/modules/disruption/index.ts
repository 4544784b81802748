import { AlertOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { CurrentUser } from '../../../contracts/auth';

// Leaflet and the drawing plugin load with the page, not with the shell.
const DisruptionPage = lazy(() =>
  import('./pages/DisruptionPage').then((m) => ({ default: m.DisruptionPage })),
);

/**
 * The disruption screens (区域管控): draw or pick areas with their impact before saving, the list
 * and timeline of areas, and a place's status history. Mount `disruptionRoutes` under the guarded
 * layout and add `disruptionNavEntry` to the nav (it replaces `/coming/disruption`).
 */
export const disruptionRoutes: RouteObject[] = [
  { path: 'disruption', element: createElement(DisruptionPage) },
];

/** The menu entry; its label is the shell's `nav.disruption`. */
export const disruptionNavEntry = {
  path: '/disruption',
  label: 'nav.disruption' as const,
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
