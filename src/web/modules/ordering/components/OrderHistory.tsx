import { Table, Tag } from 'antd';
import { useState } from 'react';
import type { Order } from '../../../../contracts/ordering';
import { formatDate, formatInteger, formatYuan } from '../../../ui/format';
import { ErrorBlock } from '../../../ui/QueryState';
import { useOrderHistory, type OrderTarget } from '../api';
import { useOrderingText } from '../useText';
import { statusColours } from './OrderSummary';

/** Past orders, newest first, one compact row each (fits a phone). */
export function OrderHistory({ target }: { target: OrderTarget }) {
  const { o, label, language } = useOrderingText();
  const [page, setPage] = useState(1);
  const history = useOrderHistory(target, page);
  if (history.error)
    return <ErrorBlock error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <Table<Order>
      size="small"
      rowKey="id"
      loading={history.isLoading}
      dataSource={history.data?.items ?? []}
      locale={{ emptyText: o('noHistory') }}
      scroll={{ x: 'max-content' }}
      data-testid="order-history"
      pagination={{
        current: page,
        pageSize: 10,
        total: history.data?.total ?? 0,
        showSizeChanger: false,
        onChange: setPage,
        hideOnSinglePage: true,
      }}
      columns={[
        { title: o('cycle'), dataIndex: 'cycleId' },
        { title: o('orderDate'), dataIndex: 'orderDate', render: (d: string) => formatDate(d) },
        {
          title: o('status'),
          dataIndex: 'status',
          render: (s: string, row) => (
            <>
              <Tag color={statusColours[s]}>{label(s)}</Tag>
              {row.channel === 'phone' ? <Tag color="orange">{label('phone')}</Tag> : null}
            </>
          ),
        },
        {
          title: o('quantity'),
          dataIndex: 'totalQuantity',
          align: 'right',
          render: (q: number) => formatInteger(q, language),
        },
        {
          title: o('amount'),
          dataIndex: 'totalFen',
          align: 'right',
          render: (fen: number) => `¥${formatYuan(fen, language)}`,
        },
      ]}
    />
  );
}
