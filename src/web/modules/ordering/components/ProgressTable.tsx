import { Space, Table, Tag, Typography } from 'antd';
import type { ProgressRow } from '../../../../contracts/ordering';
import {
  formatDate,
  formatDateTime,
  formatInteger,
  formatYuan,
  gradeLabel,
} from '../../../ui/format';
import { useOrderingText } from '../useText';
import { statusColours } from './OrderSummary';

const blockedRowCss =
  '.tx-row-blocked > td { background: #fff1f0 !important; } .tx-row-blocked:hover > td { background: #ffe4e1 !important; }';

/** The retailers of a county in the cycle; blocked rows in red, tickable for an extra window. */
export function ProgressTable(props: {
  rows: ProgressRow[];
  loading: boolean;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number, size: number) => void;
  selectable: boolean;
  selected: string[];
  onSelect: (ids: string[]) => void;
}) {
  const { o, label, language } = useOrderingText();
  return (
    <>
      {/* Cells paint their own background, so the red of a blocked row goes on them. */}
      <style>{blockedRowCss}</style>
      <Table<ProgressRow>
        size="small"
        rowKey="retailerId"
        loading={props.loading}
        dataSource={props.rows}
        scroll={{ x: 'max-content' }}
        data-testid="progress-table"
        rowClassName={(row) => (row.ordering === 'blocked' ? 'tx-row-blocked' : '')}
        rowSelection={
          props.selectable
            ? {
                selectedRowKeys: props.selected,
                preserveSelectedRowKeys: true,
                onChange: (keys) => props.onSelect(keys.map(String)),
              }
            : undefined
        }
        pagination={{
          current: props.page,
          pageSize: props.pageSize,
          total: props.total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          onChange: props.onPage,
          showTotal: (n) => o('totalN', { n: formatInteger(n, language) }),
        }}
        columns={[
          { title: o('licenceNo'), dataIndex: 'licenceNo' },
          { title: o('retailer'), dataIndex: 'name' },
          { title: o('grade'), dataIndex: 'grade', render: (g: number) => gradeLabel(g) },
          { title: o('orderDate'), dataIndex: 'orderDate', render: (d: string) => formatDate(d) },
          {
            title: o('orderingState'),
            dataIndex: 'ordering',
            render: (s: string) => (
              <Tag color={s === 'blocked' ? 'red' : s === 'deferred' ? 'orange' : 'green'}>
                {label(s)}
              </Tag>
            ),
          },
          {
            title: o('window'),
            dataIndex: 'windowOpen',
            render: (open: boolean) => (
              <Tag color={open ? 'green' : 'default'}>{open ? o('open') : o('closed')}</Tag>
            ),
          },
          {
            title: o('status'),
            dataIndex: 'status',
            render: (s: string | null, row) =>
              s ? (
                <Space size={2}>
                  <Tag color={statusColours[s]}>{label(s)}</Tag>
                  {row.channel ? (
                    <Tag color={row.channel === 'phone' ? 'orange' : undefined}>
                      {label(row.channel)}
                    </Tag>
                  ) : null}
                </Space>
              ) : (
                <Typography.Text type="secondary">{o('notOrdered')}</Typography.Text>
              ),
          },
          {
            title: o('quantity'),
            dataIndex: 'totalQuantity',
            align: 'right',
            render: (n: number) => formatInteger(n, language),
          },
          {
            title: o('amount'),
            dataIndex: 'totalFen',
            align: 'right',
            render: (fen: number) => `¥${formatYuan(fen, language)}`,
          },
          {
            title: o('lastUpdate'),
            dataIndex: 'updatedAt',
            render: (at: string | null) => (at ? formatDateTime(at, language) : '—'),
          },
        ]}
      />
    </>
  );
}
