import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useErrorMessage } from '../../../ui/QueryState';
import { useServerNow } from '../../../ui/serverClock';
import { useOpenExtraWindow } from '../api';
import { useOrderingText } from '../useText';

interface Values {
  scope: 'county' | 'rows';
  range: [Dayjs, Dayjs];
  reason: string;
}

export interface ExtraWindowDialogProps {
  open: boolean;
  onClose: () => void;
  cycleId: string;
  countyCode: string;
  countyName: string;
  selectedRetailerIds: string[];
}

/** 开放补订窗口: for the county or the ticked retailers, from–to, with a reason kept on record. */
export function ExtraWindowDialog({
  open,
  onClose,
  cycleId,
  countyCode,
  countyName,
  selectedRetailerIds,
}: ExtraWindowDialogProps) {
  const { o } = useOrderingText();
  const [form] = Form.useForm<Values>();
  const openWindow = useOpenExtraWindow();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const { now } = useServerNow();
  // Opened "from now": the server's now, which a demo's clock may have set back.
  const start = dayjs(now ? now() : undefined);

  const onFinish = (values: Values) => {
    const [from, to] = values.range;
    openWindow.mutate(
      {
        cycleId,
        ...(values.scope === 'county'
          ? { countyCodes: [countyCode] }
          : { retailerIds: selectedRetailerIds }),
        opensAt: from.toISOString(),
        closesAt: to.toISOString(),
        reason: values.reason.trim(),
      },
      {
        onSuccess: () => {
          void message.success(o('extraOpened'));
          form.resetFields();
          onClose();
        },
        onError: (error) => void message.error(errorText(error)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={o('openExtra')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: openWindow.isPending, 'data-testid': 'extra-submit' } as never}
      destroyOnHidden
      data-testid="extra-dialog"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        initialValues={{
          scope: selectedRetailerIds.length ? 'rows' : 'county',
          range: [start.startOf('minute'), start.add(1, 'day').hour(23).minute(59).second(0)],
          reason: '',
        }}
      >
        <Form.Item name="scope" label={o('extraScope')}>
          <Radio.Group
            data-testid="extra-scope"
            options={[
              { value: 'county', label: o('scopeCounty', { county: countyName }) },
              {
                value: 'rows',
                label: o('scopeRows', { n: selectedRetailerIds.length }),
                disabled: selectedRetailerIds.length === 0,
              },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="range"
          label={o('extraRange')}
          rules={[{ required: true, message: o('rangeRequired') }]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            data-testid="extra-range"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={o('extraReasonLabel')}
          rules={[{ required: true, min: 2, whitespace: true, message: o('reasonRequired') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={200}
            placeholder={o('extraReasonPlaceholder')}
            data-testid="extra-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
