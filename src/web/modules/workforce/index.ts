/**
 * The workforce screens (防控): unit dashboard, the phone-friendly daily health report, 24-hour
 * duty rosters with gaps, travel approvals and volunteer service. One menu entry (`/workforce`),
 * the screens as tabs under it.
 */
import { TeamOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import type { RouteObject } from 'react-router';
import type { WebModule } from '../../ui/module';
import { DashboardPage } from './pages/DashboardPage';
import { ReportPage } from './pages/ReportPage';
import { RostersPage } from './pages/RostersPage';
import { TravelPage } from './pages/TravelPage';
import { VolunteerPage } from './pages/VolunteerPage';
import { WorkforceLayout } from './pages/WorkforceLayout';

/** Routes to mount under the authenticated, guarded layout (paths relative to `/`). */
export const workforceRoutes: RouteObject[] = [
  {
    path: 'workforce',
    element: createElement(WorkforceLayout),
    children: [
      { index: true, element: createElement(DashboardPage) },
      { path: 'report', element: createElement(ReportPage) },
      { path: 'rosters', element: createElement(RostersPage) },
      { path: 'travel', element: createElement(TravelPage) },
      { path: 'volunteer', element: createElement(VolunteerPage) },
    ],
  },
];

/** The screens and the sidebar entry: every staff role (each reports daily); retailers do not see it. */
export const workforceModule: WebModule = {
  routes: workforceRoutes,
  nav: [
    {
      path: '/workforce',
      label: 'nav.workforce',
      icon: createElement(TeamOutlined),
      visible: (user) => user.role !== 'retailer' && user.permissions.includes('health.report'),
    },
  ],
};
