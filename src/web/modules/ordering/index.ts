/**
 * The ordering screens (订货): the retailer's own order on a phone (`/ordering/my-order`), the
 * account manager's phone order (`/ordering/phone`) and a county's cycle progress
 * (`/ordering/cycles`), as tabs under one menu entry. Mount `orderingRoutes` among the guarded
 * children and use `orderingNavEntry` in place of `/coming/ordering`.
 */
import { ShoppingCartOutlined } from '@ant-design/icons';
import { createElement, lazy } from 'react';
import type { RouteObject } from 'react-router';
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
export const orderingNavEntry = {
  path: '/ordering',
  label: 'nav.ordering' as const,
  icon: createElement(ShoppingCartOutlined),
  visible: (user: CurrentUser) =>
    (user.role === 'retailer' && user.permissions.includes('order.place')) ||
    (orderingRoles.includes(user.role) &&
      ['order.take', 'order.read'].some((p) => user.permissions.includes(p))),
};
