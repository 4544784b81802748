import { Card, Col, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { priceClasses } from '../../../../contracts/products';
import { useI18n } from '../../../ui/i18n/i18n';
import { PageHeader } from '../../../ui/PageHeader';
import { InlineError } from '../../../ui/QueryState';
import { useProducts, type ProductListParams } from '../api';
import { priceClassLabelKey, ProductTable } from '../components/ProductTable';

export function ProductsPage() {
  const { t } = useI18n();
  const [params, setParams] = useState<ProductListParams>({ page: 1, pageSize: 20 });
  const products = useProducts(params);

  return (
    <>
      <PageHeader title={t('products.title')} subtitle={t('products.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} xl={8}>
            <Input.Search
              placeholder={t('products.searchPlaceholder')}
              allowClear
              enterButton={t('common.search')}
              maxLength={50}
              onSearch={(value) =>
                setParams((previous) => ({ ...previous, q: value.trim() || undefined, page: 1 }))
              }
            />
          </Col>
          <Col xs={24} md={6} xl={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('products.priceClass')}
              value={params.priceClass}
              options={priceClasses.map((value) => ({
                value,
                label: t(priceClassLabelKey(value)),
              }))}
              onChange={(value: number | undefined) =>
                setParams((previous) => ({ ...previous, priceClass: value, page: 1 }))
              }
            />
          </Col>
        </Row>
      </Card>
      {products.error ? <InlineError error={products.error} /> : null}
      <div style={{ background: '#fff', borderRadius: 8, padding: '4px 0' }}>
        <ProductTable
          page={products.data}
          loading={products.isFetching}
          onPage={(page, pageSize) =>
            setParams((previous) => ({
              ...previous,
              page: pageSize === previous.pageSize ? page : 1,
              pageSize,
            }))
          }
        />
      </div>
    </>
  );
}
