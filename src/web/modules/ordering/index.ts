/**
 * The ordering screens (订货): the retailer's own order on a phone (`/ordering/my-order`), the
 * account manager's phone order (`/ordering/phone`) and a county's cycle progress
 * (`/ordering/cycles`), as tabs under one menu entry. The shell collects `orderingModule`
 * (its routes among the guarded children, its menu entry) from `src/web/module-list.ts`.
 */
import { ShoppingCartOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { NavEntry, WebModule } from '../../ui/module';
import type { CurrentUser } from '../../../contracts/auth';
import { MyOrderPage } from './pages/MyOrderPage';
import { OrderingHome, OrderingLayout } from './pages/OrderingLayout';
import { PhoneOrderPage } from './pages/PhoneOrderPage';

// The cycle view carries ECharts: loaded on first visit, not with the retailer's phone page.
const CyclesPage = lazy(() =>
  import('./pages/CyclesPage').then((m) => ({ default: m.CyclesPage })),
);

export const orderingRoutes: RouteObject[] = [
  {
    path: 'ordering',
    element: createElement(OrderingLayout),
    children: [
      { index: true, element: createElement(OrderingHome) },
      { path: 'my-order', element: createElement(MyOrderPage) },
      { path: 'phone', element: createElement(PhoneOrderPage) },
      { path: 'cycles', element: createElement(CyclesPage) },
    ],
  },
];

const orderingRoles: CurrentUser['role'][] = [
  'admin',
  'province_analyst',
  'city_manager',
  'county_planner',
  'account_manager',
];

/** The menu entry: retailers (their order) and the marketing roles (phone orders, progress). */
const orderingNavEntry: NavEntry = {
  path: '/ordering',
  label: 'nav.ordering',
  icon: createElement(ShoppingCartOutlined),
  visible: (user: CurrentUser) =>
    (user.role === 'retailer' && user.permissions.includes('order.place')) ||
    (orderingRoles.includes(user.role) &&
      ['order.take', 'order.read'].some((p) => user.permissions.includes(p))),
};

/** The screens and the sidebar entry, for the shell to collect (`src/web/modules.ts`). */
export const orderingModule: WebModule = { routes: orderingRoutes, nav: [orderingNavEntry] };
