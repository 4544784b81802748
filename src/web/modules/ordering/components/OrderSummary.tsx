import { Card, Descriptions, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Order } from '../../../../contracts/ordering';
import { formatDateTime, formatInteger, formatYuan } from '../../../ui/format';
import { useOrderingText } from '../useText';

export const statusColours: Record<string, string> = {
  submitted: 'blue',
  confirmed: 'green',
  cancelled: 'default',
};

/** The order as the server holds it: status, lines, totals, and whatever actions fit. */
export function OrderSummary({
  order,
  names,
  actions,
}: {
  order: Order;
  names: Map<string, string>;
  actions?: ReactNode;
}) {
  const { o, label, language } = useOrderingText();
  const confirmed = order.lines.some((l) => l.confirmedQuantity !== null);
  return (
    <Card
      size="small"
      data-testid="order-summary"
      title={
        <Space wrap size={4}>
          <span>{o('yourOrder')}</span>
          <Tag color={statusColours[order.status]} data-testid="order-status">
            {label(order.status)}
          </Tag>
          <Tag color={order.channel === 'phone' ? 'orange' : undefined}>{label(order.channel)}</Tag>
        </Space>
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {o('orderVersion', { version: order.version })} ·{' '}
        {o('updatedAt', { at: formatDateTime(order.updatedAt, language) })}
      </Typography.Text>
      <Table
        size="small"
        rowKey="productCode"
        pagination={false}
        style={{ marginTop: 8 }}
        dataSource={order.lines}
        data-testid="order-lines"
        columns={[
          {
            title: o('product'),
            dataIndex: 'productCode',
            render: (code: string) => names.get(code) ?? code,
          },
          {
            title: o('quantity'),
            dataIndex: 'quantity',
            align: 'right' as const,
            render: (q: number) => formatInteger(q, language),
          },
          ...(confirmed
            ? [
                {
                  title: o('confirmedQty'),
                  dataIndex: 'confirmedQuantity',
                  align: 'right' as const,
                  render: (q: number | null) => (q === null ? '—' : formatInteger(q, language)),
                },
              ]
            : []),
          {
            title: o('amount'),
            key: 'amount',
            align: 'right' as const,
            render: (_: unknown, line: Order['lines'][number]) =>
              `¥${formatYuan(line.priceFen * line.quantity, language)}`,
          },
        ]}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'total',
            label: o('total'),
            children: (
              <b data-testid="order-total">
                {formatInteger(order.totalQuantity, language)} {o('carton')} · ¥
                {formatYuan(order.totalFen, language)}
              </b>
            ),
          },
        ]}
      />
      {actions ? (
        <Flex gap={8} wrap justify="flex-end">
          {actions}
        </Flex>
      ) : null}
    </Card>
  );
}
