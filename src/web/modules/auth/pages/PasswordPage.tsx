import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useI18n } from '../../../ui/i18n/i18n';
import { PageHeader } from '../../../ui/PageHeader';
import { useErrorMessage } from '../../../ui/QueryState';
import { changePassword } from '../api';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The logged-in user changes their own password; the server ends their other sessions. */
export function PasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<PasswordForm>();
  const mutation = useMutation({
    mutationFn: (values: PasswordForm) =>
      changePassword(values.currentPassword, values.newPassword),
    onSuccess: (result) => {
      form.resetFields();
      void message.success(t('auth.passwordChanged', { count: result.otherSessionsRevoked }));
    },
  });

  return (
    <>
      <PageHeader title={t('auth.changePassword')} />
      <Card style={{ maxWidth: 480 }}>
        {mutation.error ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(mutation.error)}
            style={{ marginBottom: 16 }}
            data-testid="password-error"
          />
        ) : null}
        <Form<PasswordForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => mutation.mutate(values)}
          disabled={mutation.isPending}
        >
          <Form.Item
            name="currentPassword"
            label={t('auth.currentPassword')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('auth.newPassword')}
            extra={t('auth.passwordRule')}
            rules={[
              { required: true, message: t('auth.passwordRule') },
              {
                validator: (_rule, value: string | undefined) =>
                  !value || (value.length >= 8 && /[A-Za-z]/.test(value) && /\d/.test(value))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('auth.passwordRule'))),
              },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('auth.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('auth.passwordMismatch') },
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('auth.passwordMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={mutation.isPending}
            data-testid="password-submit"
          >
            {t('auth.changePassword')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
