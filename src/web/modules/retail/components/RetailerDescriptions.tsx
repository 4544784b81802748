import {
  Card,
  Col,
  Descriptions,
  Grid,
  Row,
  Space,
  Tag,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { lazy, Suspense } from 'react';
import type { RetailerDetail } from '../../../../contracts/retail';
import { formatDate, formatInteger, gradeLabel, todayInShanghai } from '../../../ui/format';
import { useI18n } from '../../../ui/i18n/i18n';
import { serviceStateColors, statusColors, useVocabulary } from '../vocabulary';

// ECharts and the county outlines load only when a retailer is opened.
const RetailerLocation = lazy(() => import('./RetailerLocation'));

/** The facts of one retailer in two cards: licence and holder; business and service. */
export function RetailerDescriptions({ retailer }: { retailer: RetailerDetail }) {
  const { t, language } = useI18n();
  const vocabulary = useVocabulary();
  const none = t('common.none');
  // Phones need the width for the values, not for the card's padding.
  const cardBody = { body: { padding: Grid.useBreakpoint().sm === false ? 12 : 24 } };

  const basic: DescriptionsProps['items'] = [
    {
      key: 'licenceNo',
      label: t('retail.licenceNo'),
      children: (
        <Typography.Text copyable strong data-testid="retailer-licence">
          {retailer.licenceNo}
        </Typography.Text>
      ),
    },
    { key: 'name', label: t('retail.name'), children: retailer.name },
    { key: 'holder', label: t('retail.holder'), children: retailer.holder },
    { key: 'phone', label: t('retail.phone'), children: retailer.phone ?? none },
    { key: 'address', label: t('retail.address'), children: retailer.address, span: 'filled' },
    {
      key: 'area',
      label: t('retail.area'),
      children: `${retailer.cityName} · ${retailer.countyName}`,
    },
    {
      key: 'licenceValidUntil',
      label: t('retail.licenceValidUntil'),
      children: retailer.licenceValidUntil ? (
        <Space size={8}>
          {formatDate(retailer.licenceValidUntil)}
          {formatDate(retailer.licenceValidUntil) < todayInShanghai() ? (
            <Tag color="red">{t('retail.licenceExpired')}</Tag>
          ) : null}
        </Space>
      ) : (
        none
      ),
    },
    {
      key: 'status',
      label: t('retail.status'),
      children: (
        <Tag color={statusColors[retailer.status] ?? 'default'} variant="outlined">
          {vocabulary.status(retailer.status)}
        </Tag>
      ),
    },
  ];

  const business: DescriptionsProps['items'] = [
    {
      key: 'grade',
      label: t('retail.grade'),
      children: <Tag color="geekblue">{gradeLabel(retailer.grade)}</Tag>,
    },
    {
      key: 'businessType',
      label: t('retail.businessType'),
      children: vocabulary.businessType(retailer.businessType),
    },
    {
      key: 'marketType',
      label: t('retail.marketType'),
      children: vocabulary.marketType(retailer.marketType),
    },
    { key: 'creditRating', label: t('retail.creditRating'), children: retailer.creditRating },
    {
      key: 'serviceState',
      label: t('retail.serviceState'),
      span: 'filled',
      children: (
        <Space orientation="vertical" size={2}>
          <Tag color={serviceStateColors[retailer.serviceState]}>
            {vocabulary.serviceState(retailer.serviceState)}
          </Tag>
          {retailer.serviceStateReason ? (
            <Typography.Text type="secondary">
              {t('retail.serviceStateReason', { reason: retailer.serviceStateReason })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'accountManager',
      label: t('retail.accountManager'),
      children: retailer.accountManager
        ? `${retailer.accountManager.name}${retailer.accountManager.phone ? ` · ${retailer.accountManager.phone}` : ''}`
        : none,
    },
    {
      key: 'deliveryLine',
      label: t('retail.deliveryLine'),
      children: retailer.deliveryLine?.name ?? none,
    },
    {
      key: 'orderDay',
      label: t('retail.orderDay'),
      children: vocabulary.weekday(retailer.orderDay),
    },
    {
      key: 'weeklyVolume',
      label: t('retail.weeklyVolume'),
      children: t('retail.weeklyVolumeValue', {
        count: formatInteger(retailer.weeklyVolume, language),
      }),
    },
  ];

  const layout = {
    bordered: true,
    size: 'small',
    column: { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 },
  } as const;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={12}>
        <Card title={t('retail.basic')} styles={cardBody}>
          <Descriptions {...layout} items={basic} />
        </Card>
      </Col>
      <Col xs={24} xxl={12}>
        <Card title={t('retail.business')} styles={cardBody}>
          <Descriptions {...layout} items={business} />
        </Card>
      </Col>
      <Suspense fallback={null}>
        <RetailerLocation retailer={retailer} />
      </Suspense>
    </Row>
  );
}
