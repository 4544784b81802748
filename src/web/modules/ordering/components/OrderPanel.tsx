import { Card, Col, Grid, Row, Tabs } from 'antd';
import { useState, type ReactNode } from 'react';
import { QueryState } from '../../../ui/QueryState';
import { useOrderView, type OrderTarget } from '../api';
import { useOrderingText } from '../useText';
import { OrderForm } from './OrderForm';
import { OrderHistory } from './OrderHistory';

/**
 * This week's order and the history: two tabs on a phone, side by side for an account manager at
 * a desk (the retailer's past orders are what the phone call is about).
 */
export function OrderPanel({ target, mode }: { target: OrderTarget; mode: 'self' | 'phone' }) {
  const { o } = useOrderingText();
  const [tab, setTab] = useState('order');
  const screens = Grid.useBreakpoint();
  const view = useOrderView(target);
  const form: ReactNode = (
    <QueryState query={view}>
      {(data) => (
        <OrderForm
          // A new version (or window state) starts the form again from the server's order.
          key={`${data.retailerId}:${data.cycleId}:${data.order?.version ?? 0}:${data.order?.status ?? ''}:${data.window.open}`}
          view={data}
          target={target}
          mode={mode}
        />
      )}
    </QueryState>
  );
  if (mode === 'phone' && screens.xl) {
    return (
      <Row gutter={16}>
        <Col span={14}>{form}</Col>
        <Col span={10}>
          <Card size="small" title={o('tabHistory')}>
            <OrderHistory target={target} />
          </Card>
        </Col>
      </Row>
    );
  }
  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      items={[
        { key: 'order', label: o('tabOrder'), children: form },
        { key: 'history', label: o('tabHistory'), children: <OrderHistory target={target} /> },
      ]}
    />
  );
}
