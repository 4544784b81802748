import { Tabs } from 'antd';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import type { CurrentUser } from '../../../../contracts/auth';
import { PageHeader } from '../../../ui/PageHeader';
import { hasPermission, useCurrentUser } from '../../auth/session';
import { useOrderingText } from '../useText';

/** The ordering screens a user may open, in the order of their day. */
export function orderingTabsOf(user: CurrentUser) {
  return [
    {
      key: '/ordering/my-order',
      text: 'tabMyOrder' as const,
      show: hasPermission(user, 'order.place'),
    },
    { key: '/ordering/phone', text: 'tabPhone' as const, show: hasPermission(user, 'order.take') },
    {
      key: '/ordering/cycles',
      text: 'tabCycles' as const,
      show: hasPermission(user, 'order.read'),
    },
  ].filter((tab) => tab.show);
}

/** One menu entry (`/ordering`), the screens as tabs; a retailer sees only its own order. */
export function OrderingLayout() {
  const { o } = useOrderingText();
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = orderingTabsOf(user);
  const active = tabs.find((t) => location.pathname.startsWith(t.key))?.key;
  const retailer = user.role === 'retailer';
  return (
    <>
      <PageHeader
        title={retailer ? o('myOrderTitle') : o('title')}
        subtitle={retailer ? user.displayName : o('subtitle')}
      />
      {tabs.length > 1 ? (
        <Tabs
          activeKey={active}
          onChange={(key) => void navigate(key)}
          items={tabs.map((t) => ({ key: t.key, label: o(t.text) }))}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <Outlet />
    </>
  );
}

/** `/ordering` itself: the first screen this user may open. */
export function OrderingHome() {
  const user = useCurrentUser();
  const tabs = orderingTabsOf(user);
  // An account manager's day is phone orders; planners and managers watch the cycle.
  const preferred =
    user.role === 'account_manager'
      ? tabs[0]
      : (tabs.find((t) => t.key === '/ordering/cycles') ?? tabs[0]);
  return preferred ? <Navigate to={preferred.key} replace /> : null;
}
