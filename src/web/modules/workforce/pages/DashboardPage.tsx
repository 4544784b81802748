import { Alert, Button, Card, Col, Input, Row, Space, Statistic, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { Navigate } from 'react-router';
import { riskFlags } from '../../../../contracts/workforce';
import { hasPermission, useCurrentUser } from '../../auth/session';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState';
import { shanghaiToday, useAvailability, useMissing, useRiskList, useTrend } from '../api';
import { ChildrenChart, ModeChart, TrendChart } from '../components/charts';
import { UnitSelect } from '../components/UnitSelect';
import { useWorkforceText } from '../useText';

/** The unit dashboard: availability of the day, by child unit, trend, risk and missing reports. */
export function DashboardPage() {
  const user = useCurrentUser();
  const { w, label } = useWorkforceText();
  const [unit, setUnit] = useState(user.unitCode);
  const [date, setDate] = useState(shanghaiToday());
  const canRead = hasPermission(user, 'workforce.read');
  const officer = hasPermission(user, 'health.read');
  const availability = useAvailability(canRead ? unit : undefined, date);
  const trend = useTrend(canRead ? unit : undefined, date);
  const missing = useMissing(canRead ? unit : undefined, date);
  const risk = useRiskList(unit, date, officer);
  const [copied, setCopied] = useState(false);
  if (!canRead) return <Navigate to="/workforce/report" replace />;

  const copyReminder = () => {
    const text = (missing.data?.items ?? []).map((m) => `${m.name} ${m.phone ?? ''}`).join('\n');
    void navigator.clipboard?.writeText(text).then(() => setCopied(true));
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <UnitSelect value={unit} onChange={setUnit} />
        <Input
          type="date"
          value={date}
          max={shanghaiToday()}
          onChange={(e) => e.target.value && setDate(e.target.value)}
          style={{ width: 160 }}
        />
      </Space>
      {availability.error ? (
        <ErrorBlock error={availability.error} onRetry={() => void availability.refetch()} />
      ) : !availability.data ? (
        <LoadingBlock minHeight={400} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Row gutter={[12, 12]} data-testid="workforce-headline">
              {(
                [
                  ['headcount', availability.data.headcount],
                  ['onSite', availability.data.onSite],
                  ['onDuty', availability.data.onDuty],
                  ['homeOffice', availability.data.homeOffice],
                  ['unable', availability.data.unableOnSite],
                  ['missing', availability.data.missing],
                ] as const
              ).map(([key, value]) => (
                <Col key={key} xs={12} sm={8} lg={4}>
                  <Card size="small">
                    <Statistic title={w(key)} value={value} />
                  </Card>
                </Col>
              ))}
              <Col xs={12} sm={8} lg={4}>
                <Card size="small">
                  <Statistic
                    title={w('unableRatio')}
                    value={availability.data.unableRatio * 100}
                    precision={1}
                    suffix="%"
                    styles={{
                      content: {
                        color: availability.data.unableRatio > 0.3 ? '#c62828' : undefined,
                      },
                    }}
                  />
                </Card>
              </Col>
              <Col xs={12} sm={8} lg={4}>
                <Card size="small">
                  <Tooltip title={w('streakHint')}>
                    <Statistic title={w('streak')} value={availability.data.zeroStreakDays} />
                  </Tooltip>
                </Card>
              </Col>
            </Row>
          </Col>
          <Col xs={24} xl={14}>
            <Card title={w('byChild')} styles={{ body: { padding: 8 } }}>
              <ChildrenChart data={availability.data} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={w('byMode')} styles={{ body: { padding: 8 } }}>
              <ModeChart data={availability.data} />
            </Card>
            <Card title={w('risk')} style={{ marginTop: 16 }}>
              <Space wrap>
                {riskFlags.map((f) => (
                  <Tag key={f} color={availability.data.risk[f] > 0 ? 'red' : 'default'}>
                    {label(f)} {availability.data.risk[f]}
                  </Tag>
                ))}
              </Space>
            </Card>
          </Col>
          <Col span={24}>
            <Card title={w('trend')} styles={{ body: { padding: 8 } }}>
              {trend.data ? <TrendChart data={trend.data} /> : <LoadingBlock minHeight={300} />}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card
              title={w('missingList')}
              extra={
                <Space>
                  {missing.data ? (
                    <Tag color={missing.data.overdue ? 'red' : 'blue'}>
                      {missing.data.overdue
                        ? w('cutoffPassed', { cutoff: missing.data.cutoff })
                        : w('cutoffPending', { cutoff: missing.data.cutoff })}
                    </Tag>
                  ) : null}
                  <Button
                    size="small"
                    onClick={copyReminder}
                    disabled={!missing.data?.items.length}
                  >
                    {copied ? w('copied') : w('remind')}
                  </Button>
                </Space>
              }
            >
              <Table
                size="small"
                rowKey="staffId"
                loading={missing.isLoading}
                dataSource={missing.data?.items ?? []}
                pagination={{ pageSize: 10, showSizeChanger: false }}
                columns={[
                  { title: w('name'), dataIndex: 'name' },
                  { title: w('unit'), dataIndex: 'unitName' },
                  { title: w('phone'), dataIndex: 'phone' },
                ]}
                data-testid="workforce-missing"
              />
            </Card>
          </Col>
          {officer ? (
            <Col xs={24} xl={12}>
              <Card title={w('riskList')}>
                {risk.error ? (
                  <Alert type="info" showIcon title={(risk.error as Error).message} />
                ) : (
                  <Table
                    size="small"
                    rowKey="id"
                    loading={risk.isLoading}
                    dataSource={risk.data?.items ?? []}
                    pagination={{ pageSize: 10, showSizeChanger: false }}
                    columns={[
                      { title: w('name'), dataIndex: 'staffName' },
                      {
                        title: w('workMode'),
                        dataIndex: 'workMode',
                        render: (m: string) => label(m),
                      },
                      { title: w('temperature'), dataIndex: 'temperature' },
                      {
                        title: w('flags'),
                        dataIndex: 'flags',
                        render: (flags: string[]) =>
                          flags.map((f) => (
                            <Tag key={f} color="red">
                              {label(f)}
                            </Tag>
                          )),
                      },
                    ]}
                  />
                )}
              </Card>
            </Col>
          ) : null}
        </Row>
      )}
    </>
  );
}
