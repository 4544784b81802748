import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Col, Grid, Row, Tooltip } from 'antd';
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../ui/i18n/i18n';
import { PageHeader } from '../../../ui/PageHeader';
import { ErrorBlock, LoadingBlock, QueryState } from '../../../ui/QueryState';
import { useCurrentUser } from '../../auth/session';
import { disruptionByCounty, useDisruptionOverview } from '../../disruption';
import { useCountyShapes } from '../../org/api';
import { useOverview } from '../api';
import { BusinessTypeChart } from '../components/BusinessTypeChart';
import { DisruptionCard, DisruptionLegend } from '../components/DisruptionCard';
import { GradeChart } from '../components/GradeChart';
import { HeadlineCards } from '../components/HeadlineCards';
import { ShanxiMap } from '../components/ShanxiMap';

export function OverviewPage() {
  const { t } = useI18n();
  const overview = useOverview();
  const shapes = useCountyShapes();
  const navigate = useNavigate();
  const isMobile = Grid.useBreakpoint().md === false;
  const canSeeDisruption = useCurrentUser().permissions.includes('disruption.read');
  const disruption = useDisruptionOverview(canSeeDisruption);
  const disruptionMap = useMemo(() => disruptionByCounty(disruption.data), [disruption.data]);

  const openCounty = useCallback(
    ({ code, cityCode }: { code: string; cityCode: string }) =>
      void navigate(`/retailers?cityCode=${cityCode}&countyCode=${code}`),
    [navigate],
  );

  return (
    <>
      <PageHeader
        title={t('overview.title')}
        subtitle={
          overview.data ? t('overview.subtitle', { scope: overview.data.scopeLabel }) : undefined
        }
      />
      <QueryState query={overview} minHeight={400}>
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <HeadlineCards headline={data.headline} />
            </Col>
            <Col xs={24} xl={14}>
              <Card
                title={t('overview.map')}
                extra={
                  <>
                    <Tooltip title={t('overview.mapHint')}>
                      <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
                    </Tooltip>
                    {canSeeDisruption && <DisruptionLegend />}
                  </>
                }
                styles={{ body: { padding: 8 } }}
              >
                {shapes.data ? (
                  <ShanxiMap
                    shapes={shapes.data}
                    byCounty={data.byCounty}
                    onCountyClick={openCounty}
                    height={isMobile ? 380 : 680}
                    compact={isMobile}
                    disruption={disruptionMap}
                  />
                ) : shapes.error ? (
                  <ErrorBlock error={shapes.error} onRetry={() => void shapes.refetch()} />
                ) : (
                  <LoadingBlock minHeight={isMobile ? 380 : 680} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Row gutter={[16, 16]}>
                {canSeeDisruption && (
                  <Col span={24}>
                    <DisruptionCard
                      byCounty={data.byCounty}
                      disruption={disruptionMap}
                      loading={disruption.isLoading}
                    />
                  </Col>
                )}
                <Col span={24}>
                  <Card title={t('overview.byGrade')} styles={{ body: { padding: 8 } }}>
                    <GradeChart byGrade={data.byGrade} />
                  </Card>
                </Col>
                <Col span={24}>
                  <Card title={t('overview.byBusinessType')} styles={{ body: { padding: 8 } }}>
                    <BusinessTypeChart byBusinessType={data.byBusinessType} compact={isMobile} />
                  </Card>
                </Col>
              </Row>
            </Col>
          </Row>
        )}
      </QueryState>
    </>
  );
}
