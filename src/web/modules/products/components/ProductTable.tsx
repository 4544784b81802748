import { Empty, Grid, Table, Tag, Typography, type TableProps } from 'antd';
import type { Product } from '../../../../contracts/products';
import { formatInteger, formatYuan } from '../../../ui/format';
import { useI18n, type MessageKey } from '../../../ui/i18n/i18n';
import type { Page } from '../../retail/api';

const priceClassColors = ['', 'gold', 'orange', 'blue', 'cyan', 'default'];

export function priceClassLabelKey(priceClass: number): MessageKey {
  return `vocab.priceClass.${Math.min(5, Math.max(1, priceClass))}` as MessageKey;
}

export interface ProductTableProps {
  page: Page<Product> | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

/** The brand-spec catalogue; prices are integer fen shown as yuan. */
export function ProductTable({ page, loading, onPage }: ProductTableProps) {
  const { t, language } = useI18n();
  // On a phone the price class rides under the name so that both prices fit the screen.
  const narrow = Grid.useBreakpoint().sm === false;
  const classTag = (value: number) => (
    <Tag color={priceClassColors[value]}>{t(priceClassLabelKey(value))}</Tag>
  );
  const yuan = (fen: number) => (
    <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatYuan(fen, language)}</span>
  );

  const columns: TableProps<Product>['columns'] = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('products.name'),
      render: (value: string, row) => (
        <div>
          <Typography.Text strong>{value}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.code}
            </Typography.Text>
            {narrow ? <div style={{ marginTop: 4 }}>{classTag(row.priceClass)}</div> : null}
          </div>
        </div>
      ),
    },
    { key: 'brand', dataIndex: 'brand', title: t('products.brand'), responsive: ['md'] },
    {
      key: 'manufacturer',
      dataIndex: 'manufacturer',
      title: t('products.manufacturer'),
      responsive: ['lg'],
    },
    {
      key: 'priceClass',
      dataIndex: 'priceClass',
      title: t('products.priceClass'),
      align: 'center',
      render: (value: number) => (
        <Tag color={priceClassColors[value]}>{t(priceClassLabelKey(value))}</Tag>
      ),
    },
    {
      key: 'allocation',
      dataIndex: 'allocationPriceFen',
      title: t('products.priceHeader', { label: t('products.allocationPrice') }),
      align: 'right',
      responsive: ['md'],
      render: yuan,
    },
    {
      key: 'wholesale',
      dataIndex: 'wholesalePriceFen',
      title: t('products.priceHeader', { label: t('products.wholesalePrice') }),
      align: 'right',
      render: yuan,
    },
    {
      key: 'retail',
      dataIndex: 'retailPriceFen',
      title: t('products.priceHeader', { label: t('products.retailPrice') }),
      align: 'right',
      render: yuan,
    },
    {
      key: 'cartonsPerCase',
      dataIndex: 'cartonsPerCase',
      title: t('products.cartonsPerCase'),
      align: 'right',
      responsive: ['xl'],
    },
  ];

  return (
    <Table<Product>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={page?.items ?? []}
      loading={loading}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('products.emptyText')} /> }}
      pagination={{
        current: page?.page ?? 1,
        pageSize: page?.pageSize ?? 20,
        total: page?.total ?? 0,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { total: formatInteger(total, language) }),
        onChange: onPage,
      }}
    />
  );
}
