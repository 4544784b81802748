import { Tabs } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { hasPermission, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../../ui/PageHeader';
import { useWorkforceText } from '../useText';

/** The workforce area: one menu entry, its screens as tabs. */
export function WorkforceLayout() {
  const { w } = useWorkforceText();
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = [
    { key: '/workforce', label: w('tabDashboard'), show: hasPermission(user, 'workforce.read') },
    { key: '/workforce/report', label: w('tabReport'), show: hasPermission(user, 'health.report') },
    {
      key: '/workforce/rosters',
      label: w('tabRosters'),
      show: hasPermission(user, 'workforce.read'),
    },
    { key: '/workforce/travel', label: w('tabTravel'), show: hasPermission(user, 'health.report') },
    {
      key: '/workforce/volunteer',
      label: w('tabVolunteer'),
      show: hasPermission(user, 'health.report'),
    },
  ].filter((t) => t.show);
  const active =
    tabs.find((t) => t.key !== '/workforce' && location.pathname.startsWith(t.key))?.key ??
    '/workforce';
  return (
    <>
      <PageHeader title={w('title')} subtitle={w('subtitle')} />
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(key)}
        items={tabs.map((t) => ({ key: t.key, label: t.label }))}
        style={{ marginBottom: 8 }}
      />
      <Outlet />
    </>
  );
}
