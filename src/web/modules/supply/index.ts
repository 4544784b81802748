import { SendOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { NavEntry, WebModule } from '../../ui/module';
import type { CurrentUser } from '../../../contracts/auth';

// Loaded on first visit: the editor carries ECharts.
const SupplyBoardPage = lazy(() =>
  import('./pages/SupplyBoardPage').then((m) => ({ default: m.SupplyBoardPage })),
);
const PlanEditorPage = lazy(() =>
  import('./pages/PlanEditorPage').then((m) => ({ default: m.PlanEditorPage })),
);

/**
 * The supply screens (货源投放): the week's plan board of a city (`/supply`) and the plan editor
 * with its live preview (`/supply/plans/:id`, `new` for a new plan). The shell collects
 * `supplyModule` (its routes among the guarded children, its menu entry) from `src/web/module-list.ts`.
 */
export const supplyRoutes: RouteObject[] = [
  { path: 'supply', element: createElement(SupplyBoardPage) },
  { path: 'supply/plans/:id', element: createElement(PlanEditorPage) },
];

/** The menu entry: shown to whoever may read plans. Its label is the shell's `nav.supply`. */
const supplyNavEntry: NavEntry = {
  path: '/supply',
  label: 'nav.supply',
  icon: createElement(SendOutlined),
  visible: (user: CurrentUser) => user.permissions.includes('supply.read'),
};

/** The screens and the sidebar entry, for the shell to collect (`src/web/modules.ts`). */
export const supplyModule: WebModule = { routes: supplyRoutes, nav: [supplyNavEntry] };
