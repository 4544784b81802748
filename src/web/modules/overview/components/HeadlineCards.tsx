import {
  CarOutlined,
  EnvironmentOutlined,
  ShopOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { OverviewResponse } from '../../../../contracts/overview';
import { formatInteger, formatPercent } from '../../../ui/format';
import { useI18n, type MessageKey } from '../../../ui/i18n/i18n';

interface Figure {
  key: string;
  label: MessageKey;
  value: number;
  icon: ReactNode;
  note?: string;
}

export function HeadlineCards({ headline }: { headline: OverviewResponse['headline'] }) {
  const { t, language } = useI18n();
  const figures: Figure[] = [
    {
      key: 'retailers',
      label: 'overview.retailers',
      value: headline.retailers,
      icon: <ShopOutlined />,
    },
    {
      key: 'active',
      label: 'overview.activeRetailers',
      value: headline.activeRetailers,
      icon: <ShopOutlined />,
      note: t('overview.activeShare', {
        share: formatPercent(headline.activeRetailers, headline.retailers),
      }),
    },
    {
      key: 'counties',
      label: 'overview.counties',
      value: headline.counties,
      icon: <EnvironmentOutlined />,
    },
    {
      key: 'logistics',
      label: 'overview.logisticsCentres',
      value: headline.logisticsCentres,
      icon: <CarOutlined />,
    },
    {
      key: 'products',
      label: 'overview.products',
      value: headline.products,
      icon: <TagsOutlined />,
    },
    {
      key: 'staff',
      label: 'overview.staff',
      value: headline.staff,
      icon: <TeamOutlined />,
      note: `${t('overview.accountManagers')} ${formatInteger(headline.accountManagers, language)}`,
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {figures.map((figure) => (
        <Col key={figure.key} xs={12} md={8} xl={4}>
          <Card size="small" style={{ height: '100%' }} data-testid={`headline-${figure.key}`}>
            <Statistic
              title={
                <span>
                  <span style={{ color: '#1f5fa8', marginInlineEnd: 6 }}>{figure.icon}</span>
                  {t(figure.label)}
                </span>
              }
              value={formatInteger(figure.value, language)}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {figure.note ?? '\u00a0'}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
