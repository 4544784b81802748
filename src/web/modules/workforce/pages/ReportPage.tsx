import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Space,
  Tag,
} from 'antd';
import { useEffect } from 'react';
import {
  healthCodes,
  symptoms,
  testKinds,
  testResults,
  workModes,
} from '../../../../contracts/workforce';
import type { HealthReportInput } from '../../../../contracts/workforce';
import { ApiError } from '../../../ui/api';
import { ErrorBlock, LoadingBlock, useErrorMessage } from '../../../ui/QueryState';
import { shanghaiToday, useMyDay, useSubmitReport } from '../api';
import { modeColours } from '../texts';
import { useWorkforceText } from '../useText';

type FormValues = Omit<HealthReportInput, 'staffId' | 'date'>;

/** The daily health report, laid out for a phone: one column, big choices, sensible defaults. */
export function ReportPage() {
  const { w, label } = useWorkforceText();
  const day = useMyDay();
  const submit = useSubmitReport();
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const testKind = Form.useWatch('testKind', form);

  useEffect(() => {
    if (!day.data) return;
    const last = day.data.today ?? day.data.history[0];
    form.setFieldsValue({
      location: last?.location ?? '',
      healthCode: last?.healthCode ?? 'green',
      temperature: 36.5,
      testKind: last?.testKind ?? 'pcr',
      testDate: last?.testDate ?? shanghaiToday(),
      testResult: last?.testResult ?? 'negative',
      symptoms: [],
      workMode: day.data.proposedMode ?? last?.workMode ?? 'on_site',
    });
  }, [day.data, form]);

  if (day.error) {
    if (day.error instanceof ApiError && day.error.status === 422)
      return <Alert type="warning" showIcon title={w('notLinked')} />;
    return <ErrorBlock error={day.error} onRetry={() => void day.refetch()} />;
  }
  if (!day.data) return <LoadingBlock />;

  const onFinish = (values: FormValues) => {
    const body: Partial<HealthReportInput> = {
      ...values,
      ...(values.testKind === 'none' ? { testDate: null, testResult: null } : {}),
    };
    submit.mutate(body, {
      onSuccess: () => void message.success(w('submitted')),
      onError: (error) => void message.error(errorText(error)),
    });
  };

  return (
    <div style={{ maxWidth: 560 }}>
      {day.data.proposedMode === 'sealed_at_home' ? (
        <Alert type="warning" showIcon title={w('proposedSealed')} style={{ marginBottom: 12 }} />
      ) : null}
      {day.data.today ? (
        <Alert
          type="success"
          showIcon
          title={`${w('submitted')} · ${label(day.data.today.workMode)}`}
          style={{ marginBottom: 12 }}
          data-testid="health-report-accepted"
        />
      ) : null}
      <Card>
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          data-testid="health-report-form"
        >
          <Form.Item name="location" label={w('location')} rules={[{ required: true, max: 100 }]}>
            <Input size="large" />
          </Form.Item>
          <Form.Item name="healthCode" label={w('healthCode')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="large"
              options={healthCodes.map((c) => ({ value: c, label: label(c) }))}
            />
          </Form.Item>
          <Form.Item
            name="temperature"
            label={w('temperature')}
            rules={[{ required: true, type: 'number', min: 34, max: 43 }]}
          >
            <InputNumber
              size="large"
              step={0.1}
              precision={1}
              min={34}
              max={43}
              style={{ width: '100%' }}
              inputMode="decimal"
            />
          </Form.Item>
          <Form.Item name="testKind" label={w('testKind')}>
            <Radio.Group
              optionType="button"
              options={testKinds.map((k) => ({ value: k, label: label(k) }))}
            />
          </Form.Item>
          {testKind !== 'none' ? (
            <Space wrap>
              <Form.Item name="testDate" label={w('testDate')} rules={[{ required: true }]}>
                <Input type="date" max={shanghaiToday()} />
              </Form.Item>
              <Form.Item name="testResult" label={w('testResult')}>
                <Radio.Group options={testResults.map((r) => ({ value: r, label: label(r) }))} />
              </Form.Item>
            </Space>
          ) : null}
          <Form.Item name="symptoms" label={w('symptoms')}>
            <Checkbox.Group options={symptoms.map((s) => ({ value: s, label: label(s) }))} />
          </Form.Item>
          <Form.Item name="workMode" label={w('workMode')}>
            <Radio.Group>
              <Space wrap>
                {workModes.map((m) => (
                  <Radio.Button key={m} value={m}>
                    {label(m)}
                  </Radio.Button>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={submit.isPending}
            data-testid="health-report-submit"
          >
            {day.data.today ? w('resubmit') : w('submit')}
          </Button>
        </Form>
      </Card>
      <Card title={w('history')} style={{ marginTop: 16 }} size="small">
        <List
          size="small"
          dataSource={day.data.history}
          renderItem={(r) => (
            <List.Item>
              <Space wrap>
                <span>{r.date}</span>
                <Tag color={modeColours[r.workMode]}>{label(r.workMode)}</Tag>
                <span>{r.temperature.toFixed(1)} °C</span>
                {r.flags.map((f) => (
                  <Tag key={f} color="red">
                    {label(f)}
                  </Tag>
                ))}
                {!r.current ? <Tag>{'↺'}</Tag> : null}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
