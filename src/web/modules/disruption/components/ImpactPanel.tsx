import { Descriptions, Empty, Table, Tag } from 'antd';
import type { ImpactDto } from '../api';
import { useText } from '../texts';

/** The impact of a candidate area: counts, grades, business types and county volume shares. */
export function ImpactPanel({ impact }: { impact: ImpactDto | undefined }) {
  const t = useText();
  if (!impact) return <Empty description={t('impact.none')} />;
  return (
    <div data-testid="impact-panel">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('impact.retailers')}>
          {impact.retailers.total}
        </Descriptions.Item>
        <Descriptions.Item label={t('impact.staffHomes')}>{impact.staffHomes}</Descriptions.Item>
        <Descriptions.Item label={t('impact.warehouses')}>
          {impact.warehouses.join('、') || 0}
        </Descriptions.Item>
        <Descriptions.Item label={t('impact.offices')}>
          {impact.offices.join('、') || 0}
        </Descriptions.Item>
        <Descriptions.Item label={t('impact.volume')}>
          {impact.weeklyVolume.covered} / {impact.weeklyVolume.total}
        </Descriptions.Item>
        <Descriptions.Item label={t('impact.byGrade')}>
          {Object.entries(impact.retailers.byGrade)
            .sort((a, b) => Number(b[0].slice(1)) - Number(a[0].slice(1)))
            .map(([k, v]) => (
              <Tag key={k}>
                {k}: {v}
              </Tag>
            ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('impact.byType')}>
          {Object.entries(impact.retailers.byBusinessType).map(([k, v]) => (
            <Tag key={k}>
              {k}: {v}
            </Tag>
          ))}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        style={{ marginTop: 12 }}
        rowKey="countyCode"
        pagination={false}
        dataSource={impact.counties}
        columns={[
          { title: t('impact.county'), dataIndex: 'countyCode' },
          { title: t('impact.retailers'), dataIndex: 'retailers' },
          {
            title: t('impact.share'),
            dataIndex: 'share',
            render: (v: number) => `${(v * 100).toFixed(1)}%`,
          },
        ]}
      />
    </div>
  );
}
