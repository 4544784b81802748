import { Empty, Table, Tag, Typography, type TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { RetailerSummary } from '../../../../contracts/retail';
import { formatInteger, gradeLabel } from '../../../ui/format';
import { useI18n } from '../../../ui/i18n/i18n';
import type { Page } from '../api';
import { pageSizes, type RetailerSort } from '../filters';
import { serviceStateColors, statusColors, useVocabulary } from '../vocabulary';

export interface RetailerTableProps {
  page: Page<RetailerSummary> | undefined;
  loading: boolean;
  sort: RetailerSort;
  onChange: (change: { page: number; pageSize: number; sort: RetailerSort }) => void;
  onOpen: (retailer: RetailerSummary) => void;
}

function orderOf(sort: RetailerSort, column: 'licenceNo' | 'name' | 'grade'): SortOrder {
  if (column === 'grade') return sort === 'grade' ? 'ascend' : sort === '-grade' ? 'descend' : null;
  return sort === column ? 'ascend' : null;
}

/** Server-paged, server-sorted retailer table; a row opens the retailer. */
export function RetailerTable({ page, loading, sort, onChange, onOpen }: RetailerTableProps) {
  const { t, language } = useI18n();
  const vocabulary = useVocabulary();

  const columns: TableProps<RetailerSummary>['columns'] = [
    {
      key: 'licenceNo',
      dataIndex: 'licenceNo',
      title: t('retail.licenceNo'),
      sorter: true,
      sortOrder: orderOf(sort, 'licenceNo'),
      sortDirections: ['ascend'],
      width: 140,
      render: (value: string) => <Typography.Text code>{value}</Typography.Text>,
    },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('retail.name'),
      sorter: true,
      sortOrder: orderOf(sort, 'name'),
      sortDirections: ['ascend'],
      render: (value: string) => <Typography.Text strong>{value}</Typography.Text>,
    },
    { key: 'holder', dataIndex: 'holder', title: t('retail.holder'), responsive: ['md'] },
    {
      key: 'area',
      title: t('retail.area'),
      responsive: ['lg'],
      render: (_, row) => `${row.cityName} · ${row.countyName}`,
    },
    {
      key: 'grade',
      dataIndex: 'grade',
      title: t('retail.grade'),
      sorter: true,
      sortOrder: orderOf(sort, 'grade'),
      sortDirections: ['descend', 'ascend'],
      width: 90,
      align: 'center',
      render: (value: number) => <Tag color="geekblue">{gradeLabel(value)}</Tag>,
    },
    {
      key: 'marketType',
      dataIndex: 'marketType',
      title: t('retail.marketType'),
      responsive: ['xl'],
      render: (value: string) => vocabulary.marketType(value),
    },
    {
      key: 'businessType',
      dataIndex: 'businessType',
      title: t('retail.businessType'),
      responsive: ['lg'],
      render: (value: string) => vocabulary.businessType(value),
    },
    {
      key: 'creditRating',
      dataIndex: 'creditRating',
      title: t('retail.creditRating'),
      responsive: ['xl'],
      align: 'center',
    },
    {
      key: 'serviceState',
      dataIndex: 'serviceState',
      title: t('retail.serviceState'),
      render: (value: RetailerSummary['serviceState']) => (
        <Tag color={serviceStateColors[value]}>{vocabulary.serviceState(value)}</Tag>
      ),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('retail.status'),
      responsive: ['md'],
      render: (value: string) => (
        <Tag color={statusColors[value] ?? 'default'} variant="outlined">
          {vocabulary.status(value)}
        </Tag>
      ),
    },
  ];

  return (
    <Table<RetailerSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={page?.items ?? []}
      loading={loading}
      scroll={{ x: 'max-content' }}
      rowClassName={() => 'tx-clickable-row'}
      onRow={(row) => ({ onClick: () => onOpen(row) })}
      locale={{ emptyText: <Empty description={t('retail.emptyText')} /> }}
      pagination={{
        current: page?.page ?? 1,
        pageSize: page?.pageSize ?? 20,
        total: page?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: pageSizes.map(String),
        showTotal: (total) => t('common.total', { total: formatInteger(total, language) }),
      }}
      onChange={(pagination, _filters, sorter, extra) => {
        const single = Array.isArray(sorter) ? sorter[0] : sorter;
        let nextSort: RetailerSort = 'licenceNo';
        if (single?.order && single.columnKey === 'grade') {
          nextSort = single.order === 'ascend' ? 'grade' : '-grade';
        } else if (single?.order && single.columnKey === 'name') {
          nextSort = 'name';
        }
        const sortChanged = extra.action === 'sort';
        onChange({
          page: sortChanged ? 1 : (pagination.current ?? 1),
          pageSize: pagination.pageSize ?? 20,
          sort: nextSort,
        });
      }}
    />
  );
}
