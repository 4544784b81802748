import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import type { TravelRequest } from '../../../../contracts/workforce';
import { hasPermission, useCurrentUser } from '../../auth/session';
import { useErrorMessage } from '../../../ui/QueryState';
import { shanghaiToday, useApplyTravel, useDecideTravel, useTravel } from '../api';
import { useWorkforceText } from '../useText';

const statusColour: Record<string, string> = {
  pending: 'gold',
  approved: 'green',
  refused: 'red',
  cancelled: 'default',
};

/** Travel out of the city or province: apply, approve or refuse with a reason, who is away today. */
export function TravelPage() {
  const user = useCurrentUser();
  const { w, label } = useWorkforceText();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const approver = hasPermission(user, 'travel.approve');
  const reader = approver || hasPermission(user, 'workforce.read');
  const mine = useTravel({ mine: true });
  const pending = useTravel({ unit: user.unitCode, status: 'pending' }, approver);
  const away = useTravel({ unit: user.unitCode, awayOn: shanghaiToday() }, reader);
  const apply = useApplyTravel();
  const decide = useDecideTravel();
  const [open, setOpen] = useState(false);
  const [refusing, setRefusing] = useState<TravelRequest | null>(null);
  const [reason, setReason] = useState('');
  const [form] = Form.useForm();

  const columns = [
    { title: w('name'), dataIndex: 'staffName' },
    { title: w('destination'), dataIndex: 'destination' },
    { title: w('scope'), dataIndex: 'scope', render: (s: string) => label(s) },
    { title: w('departOn'), dataIndex: 'departOn' },
    { title: w('returnOn'), dataIndex: 'returnOn' },
    {
      title: w('status'),
      dataIndex: 'status',
      render: (s: string) => <Tag color={statusColour[s]}>{label(s)}</Tag>,
    },
  ];

  const submit = (values: Record<string, unknown>) =>
    apply.mutate(values, {
      onSuccess: () => {
        setOpen(false);
        form.resetFields();
        void message.success(w('saved'));
      },
      onError: (error) => void message.error(errorText(error)),
    });

  const decideOne = (id: string, decision: 'approve' | 'refuse', why?: string) =>
    decide.mutate(
      { id, decision, ...(why ? { reason: why } : {}) },
      {
        onSuccess: () => {
          setRefusing(null);
          setReason('');
        },
        onError: (error) => void message.error(errorText(error)),
      },
    );

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card
          title={w('mine')}
          extra={
            <Button type="primary" onClick={() => setOpen(true)}>
              {w('apply')}
            </Button>
          }
        >
          <Table
            size="small"
            rowKey="id"
            dataSource={mine.data?.items ?? []}
            columns={[...columns.slice(1), { title: w('reason'), dataIndex: 'decisionReason' }]}
            pagination={false}
            scroll={{ x: true }}
          />
        </Card>
      </Col>
      {approver ? (
        <Col xs={24} xl={14}>
          <Card title={w('pending')}>
            <Table
              size="small"
              rowKey="id"
              dataSource={pending.data?.items ?? []}
              scroll={{ x: true }}
              columns={[
                ...columns.slice(0, 5),
                { title: w('purpose'), dataIndex: 'purpose' },
                {
                  title: w('essential'),
                  dataIndex: 'essential',
                  render: (e: boolean) => (e ? w('yes') : w('no')),
                },
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, row: TravelRequest) => (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => decideOne(row.id, 'approve')}
                      >
                        {w('approve')}
                      </Button>
                      <Button size="small" danger onClick={() => setRefusing(row)}>
                        {w('refuse')}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      ) : null}
      {reader ? (
        <Col xs={24} xl={approver ? 10 : 24}>
          <Card title={w('awayToday')}>
            <Table
              size="small"
              rowKey="id"
              dataSource={away.data?.items ?? []}
              columns={columns.slice(0, 5)}
              pagination={{ pageSize: 10 }}
              scroll={{ x: true }}
            />
          </Card>
        </Col>
      ) : null}
      <Modal
        open={open}
        title={w('apply')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={apply.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            scope: 'out_of_city',
            essential: true,
            departOn: shanghaiToday(1),
            returnOn: shanghaiToday(3),
          }}
        >
          <Form.Item
            name="destination"
            label={w('destination')}
            rules={[{ required: true, max: 100 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="scope" label={w('scope')}>
            <Radio.Group
              options={['out_of_city', 'out_of_province'].map((s) => ({
                value: s,
                label: label(s),
              }))}
            />
          </Form.Item>
          <Form.Item name="purpose" label={w('purpose')} rules={[{ required: true, max: 300 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="essential" label={w('essential')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Space wrap>
            <Form.Item name="departOn" label={w('departOn')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="returnOn" label={w('returnOn')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal
        open={refusing !== null}
        title={w('refuse')}
        onCancel={() => setRefusing(null)}
        onOk={() => refusing && decideOne(refusing.id, 'refuse', reason)}
        okButtonProps={{ disabled: reason.trim().length === 0, danger: true }}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={w('reasonRequired')}
          maxLength={300}
        />
      </Modal>
    </Row>
  );
}
