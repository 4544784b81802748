import { Navigate } from 'react-router';
import { hasPermission, useCurrentUser } from '../../auth/session';
import { OrderPanel } from '../components/OrderPanel';

const self = { kind: 'self' } as const;

/** The retailer's own order, laid out for a phone: one column, big steppers, sticky total. */
export function MyOrderPage() {
  const user = useCurrentUser();
  if (!hasPermission(user, 'order.place')) return <Navigate to="/ordering" replace />;
  return (
    <div style={{ maxWidth: 640 }}>
      <OrderPanel target={self} mode="self" />
    </div>
  );
}
