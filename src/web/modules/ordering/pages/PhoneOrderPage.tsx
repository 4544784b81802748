import { PhoneOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { hasPermission, useCurrentUser } from '../../auth/session';
import { useRetailer } from '../../retail/api';
import { OrderPanel } from '../components/OrderPanel';
import { RetailerPicker, type PickedRetailer } from '../components/RetailerPicker';
import { useOrderingText } from '../useText';

/** An account manager takes a retailer's order by phone (电话订货): pick the shop, then its form. */
export function PhoneOrderPage() {
  const user = useCurrentUser();
  const { o } = useOrderingText();
  const [params, setParams] = useSearchParams();
  const retailerId = params.get('retailer');
  // The picked shop lives in the address, so a reload or a shared link keeps it.
  const detail = useRetailer(retailerId ?? undefined);
  const [chosen, setChosen] = useState<PickedRetailer | null>(null);
  const picked: PickedRetailer | null =
    chosen && chosen.id === retailerId
      ? chosen
      : detail.data
        ? {
            id: detail.data.retailer.id,
            name: detail.data.retailer.name,
            licenceNo: detail.data.retailer.licenceNo,
          }
        : null;
  const target = useMemo(
    () => (retailerId ? ({ kind: 'retailer', retailerId } as const) : null),
    [retailerId],
  );
  if (!hasPermission(user, 'order.take')) return <Navigate to="/ordering" replace />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 1200 }}>
      <RetailerPicker
        value={picked}
        onChange={(r) => {
          setChosen(r);
          setParams({ retailer: r.id });
        }}
      />
      {target ? (
        <>
          <Alert
            type="info"
            showIcon
            icon={<PhoneOutlined />}
            title={o('phoneMode', { name: picked?.name ?? '…' })}
            data-testid="phone-mode"
          />
          <OrderPanel key={target.retailerId} target={target} mode="phone" />
        </>
      ) : (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={o('pickRetailerHint')} />
        </Card>
      )}
    </Space>
  );
}
