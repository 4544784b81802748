import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Statistic,
  Table,
} from 'antd';
import { useMemo, useState } from 'react';
import { volunteerTypes } from '../../../../contracts/workforce';
import { hasPermission, useCurrentUser } from '../../auth/session';
import { Chart } from '../../../ui/chart/Chart';
import { useErrorMessage } from '../../../ui/QueryState';
import { shanghaiToday, useLogVolunteer, useVolunteerSummary } from '../api';
import { useWorkforceText } from '../useText';

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Volunteer service: log hours (with a photo), totals by type and unit, and the leaderboard. */
export function VolunteerPage() {
  const user = useCurrentUser();
  const { w, label } = useWorkforceText();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const reader = hasPermission(user, 'workforce.read');
  const summary = useVolunteerSummary(user.unitCode, reader);
  const log = useLogVolunteer();
  const [form] = Form.useForm();
  const [photo, setPhoto] = useState<string | undefined>();

  const typeOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' as const },
      legend: { bottom: 0, type: 'scroll' as const },
      series: [
        {
          type: 'pie' as const,
          radius: ['35%', '65%'],
          top: -20,
          data: (summary.data?.byType ?? []).map((t) => ({ name: label(t.type), value: t.hours })),
        },
      ],
    }),
    [summary.data, label],
  );

  const submit = (values: Record<string, unknown>) =>
    log.mutate(
      { ...values, ...(photo ? { photo } : {}) },
      {
        onSuccess: () => {
          form.resetFields();
          setPhoto(undefined);
          void message.success(w('saved'));
        },
        onError: (error) => void message.error(errorText(error)),
      },
    );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card title={w('logService')}>
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{ date: shanghaiToday(), hours: 2, type: 'test_registration' }}
          >
            <Form.Item
              name="community"
              label={w('community')}
              rules={[{ required: true, max: 100 }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="date" label={w('date')} rules={[{ required: true }]}>
              <Input type="date" max={shanghaiToday()} />
            </Form.Item>
            <Form.Item name="hours" label={w('hours')} rules={[{ required: true }]}>
              <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="type" label={w('type')}>
              <Select options={volunteerTypes.map((t) => ({ value: t, label: label(t) }))} />
            </Form.Item>
            <Form.Item label={w('photo')}>
              <input
                type="file"
                accept="image/jpeg,image/png"
                capture="environment"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void readAsDataUrl(file).then(setPhoto);
                }}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={log.isPending}>
              {w('logService')}
            </Button>
          </Form>
        </Card>
      </Col>
      {reader && summary.data ? (
        <Col xs={24} lg={14}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <Card size="small">
                <Statistic
                  title={`${w('totalHours')} (${summary.data.from} – ${summary.data.to})`}
                  value={summary.data.totalHours}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card title={w('byType')} styles={{ body: { padding: 8 } }}>
                <Chart option={typeOption} height={260} testId="volunteer-type-chart" />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card title={w('byUnit')}>
                <Table
                  size="small"
                  rowKey="code"
                  dataSource={summary.data.byUnit}
                  pagination={{ pageSize: 6 }}
                  columns={[
                    { title: w('unit'), dataIndex: 'name' },
                    { title: w('hours'), dataIndex: 'hours' },
                  ]}
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card title={w('leaderboard')}>
                <Table
                  size="small"
                  rowKey="staffId"
                  dataSource={summary.data.leaderboard}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    {
                      title: '#',
                      key: 'rank',
                      render: (_: unknown, __: unknown, i: number) => i + 1,
                    },
                    { title: w('name'), dataIndex: 'name' },
                    { title: w('unit'), dataIndex: 'unitCode' },
                    { title: w('hours'), dataIndex: 'hours' },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </Col>
      ) : null}
    </Row>
  );
}
