import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { formatInteger } from '../../../ui/format';
import { useI18n } from '../../../ui/i18n/i18n';
import type { Preview } from '../api';
import { useSupplyText } from '../i18n';
import { QuotaChart } from './QuotaChart';

/** Totals, the grade chart, the reserve by area and last week's figures of one preview. */
export function PreviewPanel({ preview }: { preview: Preview }) {
  const s = useSupplyText();
  const { language } = useI18n();
  const n = (v: number) => formatInteger(v, language);
  const stats: [string, string][] = [
    [s('preview.customers'), n(preview.customers)],
    [s('preview.blocked'), n(preview.blocked)],
    [s('preview.allocated'), n(preview.allocated)],
    [s('preview.reserved'), n(preview.reserved)],
    [s('preview.idle'), n(preview.idle)],
    [s('preview.utilisation'), `${(preview.utilisation * 100).toFixed(1)}%`],
    [s('preview.available'), preview.available === null ? '—' : n(preview.available)],
  ];
  return (
    <Card size="small" title={s('preview.title')} data-testid="supply-preview">
      <Row gutter={[12, 12]}>
        {stats.map(([title, value]) => (
          <Col key={title} xs={12} md={6} xl={3}>
            <Statistic title={title} value={value} />
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {preview.lastWeek
          ? s('preview.lastWeek', {
              week: preview.lastWeek.week,
              target: n(preview.lastWeek.target),
              allocated: n(preview.lastWeek.allocated),
            })
          : s('preview.noLastWeek')}
      </Typography.Paragraph>
      <QuotaChart preview={preview} />
      {preview.reserve.length > 0 ? (
        <>
          <Typography.Title level={5}>{s('preview.reserveByArea')}</Typography.Title>
          <Table
            size="small"
            rowKey="areaKey"
            pagination={false}
            dataSource={preview.reserve}
            columns={[
              { title: s('preview.area'), dataIndex: 'label' },
              { title: s('preview.retailers'), dataIndex: 'retailers', align: 'right' },
              { title: s('preview.quantity'), dataIndex: 'quantity', align: 'right' },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
