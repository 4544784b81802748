import {
  Alert,
  App,
  Button,
  Card,
  Form,
  InputNumber,
  Radio,
  Select,
  Space,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { WindowRuleInput } from '../../../../contracts/ordering';
import { formatDateTime } from '../../../ui/format';
import { ErrorBlock, LoadingBlock, useErrorMessage } from '../../../ui/QueryState';
import { useSetWindowRule, useWindowRule } from '../api';
import { useOrderingText } from '../useText';

interface Values {
  opensDayOffset: number;
  opensAt: Dayjs;
  closesDaysBefore: number;
  closesAt: Dayjs;
  holidayShift: WindowRuleInput['holidayShift'];
  deliveryLagDays: number;
}

const time = (hhmm: string) => dayjs(`2000-01-01T${hhmm}:00`);
const weekdays = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
} as const;

export interface WindowRuleSettingsProps {
  countyCode: string;
  countyName: string;
  canManage: boolean;
}

/**
 * 订货窗口设置: a county's weekly window — the day and time it opens (relative to the order
 * week's Monday), how long before each order day it closes, holidays, delivery lag.
 */
export function WindowRuleSettings({ countyCode, countyName, canManage }: WindowRuleSettingsProps) {
  const { o, language } = useOrderingText();
  const [form] = Form.useForm<Values>();
  const rule = useWindowRule(countyCode);
  const save = useSetWindowRule(countyCode);
  const { message } = App.useApp();
  const errorText = useErrorMessage();

  useEffect(() => {
    if (!rule.data) return;
    const r = rule.data.rule;
    form.setFieldsValue({ ...r, opensAt: time(r.opensAt), closesAt: time(r.closesAt) });
  }, [rule.data, form]);

  if (rule.error) return <ErrorBlock error={rule.error} onRetry={() => void rule.refetch()} />;
  if (!rule.data) return <LoadingBlock minHeight={240} />;

  const names = weekdays[language];
  // −7 … 0 days from the order week's Monday: the week before's Monday … the order week's Monday.
  const dayOptions = Array.from({ length: 8 }, (_, i) => {
    const offset = i - 7;
    return {
      value: offset,
      label:
        offset < 0
          ? o('weekdayBefore', { day: names[(offset + 7) % 7]! })
          : o('weekdayOf', { day: names[0] }),
    };
  });

  const onFinish = (values: Values) => {
    save.mutate(
      {
        opensDayOffset: values.opensDayOffset,
        opensAt: values.opensAt.format('HH:mm'),
        closesDaysBefore: values.closesDaysBefore,
        closesAt: values.closesAt.format('HH:mm'),
        holidayShift: values.holidayShift,
        deliveryLagDays: values.deliveryLagDays,
      },
      {
        onSuccess: () => void message.success(o('ruleSaved')),
        onError: (error) => void message.error(errorText(error)),
      },
    );
  };

  const view = rule.data;
  return (
    <Card
      size="small"
      title={o('ruleTitle', { county: countyName })}
      extra={
        <Space>
          <Tag color={view.isDefault ? 'default' : 'blue'} data-testid="window-rule-kind">
            {view.isDefault ? o('ruleDefault') : o('ruleOwn')}
          </Tag>
          {view.updatedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o('ruleUpdated', {
                by: view.updatedBy ?? '—',
                at: formatDateTime(view.updatedAt, language),
              })}
            </Typography.Text>
          ) : null}
        </Space>
      }
    >
      {!canManage ? (
        <Alert type="info" showIcon title={o('ruleReadOnly')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={!canManage}
        onFinish={onFinish}
        style={{ maxWidth: 560 }}
        data-testid="window-rule-form"
      >
        <Space wrap size="large">
          <Form.Item name="opensDayOffset" label={o('opensDay')} rules={[{ required: true }]}>
            <Select options={dayOptions} style={{ width: 220 }} data-testid="rule-opens-day" />
          </Form.Item>
          <Form.Item name="opensAt" label={o('opensTime')} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" allowClear={false} data-testid="rule-opens-at" />
          </Form.Item>
        </Space>
        <Space wrap size="large">
          <Form.Item
            name="closesDaysBefore"
            label={o('closesDaysBefore')}
            rules={[{ required: true }]}
          >
            <InputNumber
              min={1}
              max={7}
              precision={0}
              suffix={o('daysUnit')}
              data-testid="rule-closes-days"
            />
          </Form.Item>
          <Form.Item name="closesAt" label={o('closesTime')} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" allowClear={false} data-testid="rule-closes-at" />
          </Form.Item>
        </Space>
        <Form.Item name="holidayShift" label={o('holidayShift')}>
          <Radio.Group
            options={[
              { value: 'next_working_day', label: o('shiftNext') },
              { value: 'none', label: o('shiftNone') },
            ]}
          />
        </Form.Item>
        <Form.Item name="deliveryLagDays" label={o('deliveryLag')} rules={[{ required: true }]}>
          <InputNumber min={0} max={14} precision={0} suffix={o('daysUnit')} />
        </Form.Item>
        {canManage ? (
          <Button
            type="primary"
            htmlType="submit"
            loading={save.isPending}
            data-testid="window-rule-save"
          >
            {o('ruleSave')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
