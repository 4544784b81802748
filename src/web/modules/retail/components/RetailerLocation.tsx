import { Card, Col } from 'antd';
import { useMemo } from 'react';
import type { RetailerDetail } from '../../../../contracts/retail';
import { Chart, type EChartsOption } from '../../../ui/chart/Chart';
import { echarts } from '../../../ui/chart/echarts';
import { useI18n } from '../../../ui/i18n/i18n';
import { LoadingBlock } from '../../../ui/QueryState';
import { useCountyShapes } from '../../org/api';

type GeoInput = Parameters<typeof echarts.registerMap>[1];

/**
 * The shop as a pulsing dot inside the outline of its county; nothing at all when the outlines
 * cannot be had (a retailer's account may not read the org's maps).
 */
export default function RetailerLocation({ retailer }: { retailer: RetailerDetail }) {
  const shapes = useCountyShapes();
  const { t } = useI18n();

  const mapName = useMemo(() => {
    const feature = shapes.data?.features.find(
      (item) => item.properties.code === retailer.countyCode,
    );
    if (!feature) return null;
    const name = `county-${retailer.countyCode}`;
    echarts.registerMap(name, {
      type: 'FeatureCollection',
      features: [feature],
    } as unknown as GeoInput);
    return name;
  }, [shapes.data, retailer.countyCode]);

  const option = useMemo<EChartsOption | null>(
    () =>
      mapName
        ? {
            geo: {
              map: mapName,
              roam: true,
              top: 12,
              bottom: 12,
              itemStyle: { areaColor: '#e3edf9', borderColor: '#6f9fd8', borderWidth: 1.2 },
              emphasis: { disabled: true },
              label: { show: false },
            },
            tooltip: { trigger: 'item', formatter: retailer.address },
            series: [
              {
                type: 'effectScatter',
                coordinateSystem: 'geo',
                data: [{ name: retailer.name, value: [retailer.lon, retailer.lat] }],
                symbolSize: 12,
                itemStyle: { color: '#f5b400', borderColor: '#0b2545', borderWidth: 1 },
                rippleEffect: { scale: 3, brushType: 'stroke' },
                label: {
                  show: true,
                  position: 'right',
                  formatter: '{b}',
                  color: '#0b2545',
                  fontWeight: 'bold',
                  textBorderColor: '#fff',
                  textBorderWidth: 2,
                },
              },
            ],
          }
        : null,
    [mapName, retailer],
  );

  if (!option && !shapes.isPending) return null;
  return (
    <Col span={24}>
      <Card title={t('retail.location')} styles={{ body: { padding: 8 } }}>
        {option ? (
          <Chart option={option} height={260} testId="retailer-location" />
        ) : (
          <LoadingBlock minHeight={260} />
        )}
      </Card>
    </Col>
  );
}
