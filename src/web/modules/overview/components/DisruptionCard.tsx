import { Card, Empty, Table, Tag } from 'antd';
import type { OverviewResponse } from '../../../../contracts/overview';
import { disruptionLevel, levelColours, type CountyDisruption } from '../../disruption';
import { formatInteger } from '../../../ui/format';
import { useI18n } from '../../../ui/i18n/i18n';
import { useOverviewText } from '../texts';

interface Row extends CountyDisruption {
  name: string;
  level: 'sealed' | 'controlled';
}

/** The colour key of the map's outlines. */
export function DisruptionLegend() {
  const dt = useOverviewText();
  return (
    <span data-testid="overview-disruption-legend" style={{ fontSize: 12, color: '#595959' }}>
      {(['sealed', 'controlled'] as const).map((level) => (
        <span key={level} style={{ marginLeft: 12, whiteSpace: 'nowrap' }}>
          <span
            style={{
              display: 'inline-block',
              width: 12,
              height: 12,
              marginRight: 4,
              verticalAlign: -2,
              border: `2.5px solid ${levelColours[level]}`,
              borderRadius: 2,
            }}
          />
          {dt(`disruption.${level}`)}
        </span>
      ))}
    </span>
  );
}

/**
 * Counties of the caller's scope with sealed or controlled areas in force: the retailers held
 * back and the staff who cannot commute, worst level first.
 */
export function DisruptionCard({
  byCounty,
  disruption,
  loading,
}: {
  byCounty: OverviewResponse['byCounty'];
  disruption: Map<string, CountyDisruption>;
  loading: boolean;
}) {
  const dt = useOverviewText();
  const { language } = useI18n();
  const rows: Row[] = byCounty.flatMap((county) => {
    const hit = disruption.get(county.code);
    const level = disruptionLevel(hit);
    return hit && level ? [{ ...hit, name: county.name, level }] : [];
  });
  rows.sort(
    (a, b) =>
      Number(b.level === 'sealed') - Number(a.level === 'sealed') ||
      b.retailersBlocked + b.retailersRestricted - (a.retailersBlocked + a.retailersRestricted),
  );
  const n = (value: number) => formatInteger(value, language);
  return (
    <Card
      title={dt('disruption.title')}
      styles={{ body: { padding: 8 } }}
      data-testid="overview-disruption"
    >
      {rows.length === 0 && !loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={dt('disruption.none')} />
      ) : (
        <Table<Row>
          size="small"
          rowKey="countyCode"
          loading={loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          columns={[
            { title: dt('disruption.county'), dataIndex: 'name' },
            {
              title: dt('disruption.level'),
              dataIndex: 'level',
              render: (level: Row['level']) => (
                <Tag color={levelColours[level]}>{dt(`disruption.${level}`)}</Tag>
              ),
            },
            {
              title: dt('disruption.areas'),
              align: 'right',
              render: (_: unknown, row) => n(row.sealedAreas + row.controlledAreas),
            },
            {
              title: dt('disruption.blocked'),
              dataIndex: 'retailersBlocked',
              align: 'right',
              render: n,
            },
            {
              title: dt('disruption.restricted'),
              dataIndex: 'retailersRestricted',
              align: 'right',
              render: n,
            },
            {
              title: dt('disruption.staff'),
              dataIndex: 'staffCannotCommute',
              align: 'right',
              render: n,
            },
          ]}
        />
      )}
    </Card>
  );
}
