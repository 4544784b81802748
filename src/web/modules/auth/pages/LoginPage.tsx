import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { formatDateTime } from '../../../ui/format';
import { useI18n } from '../../../ui/i18n/i18n';
import { LoadingBlock, useErrorMessage } from '../../../ui/QueryState';
import { consumeSessionExpired, login, meKey } from '../api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { homePathOf } from '../home';
import { useSession } from '../session';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths may be followed after log-in, never a full URL. */
function safeNext(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

export function LoginPage() {
  const { t, language } = useI18n();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorMessage = useErrorMessage();
  const next = safeNext(params.get('next'));
  const [expired] = useState(consumeSessionExpired);
  const { notification } = App.useApp();

  const mutation = useMutation({
    mutationFn: ({ username, password }: Credentials) => login(username, password),
    onSuccess: ({ user, notice }) => {
      // Told once, at the owner's next successful log-in; it stays until they close it.
      if (notice) {
        notification.warning({
          key: 'failed-logins',
          title: t('auth.failedNoticeTitle'),
          // Away from the header, whose user menu it would otherwise cover.
          placement: 'bottomRight',
          description: t('auth.failedNotice', {
            count: notice.failedAttempts,
            ip: notice.lastFailedIp ?? '—',
            time: formatDateTime(notice.lastFailedAt, language),
          }),
          duration: 0,
          props: { 'data-testid': 'failed-login-notice' },
        });
      }
      queryClient.setQueryData(meKey, user);
      void navigate(next ?? homePathOf(user), { replace: true });
    },
  });

  if (session.data) return <Navigate to={next ?? homePathOf(session.data)} replace />;
  if (session.isPending) return <LoadingBlock minHeight={400} />;

  return (
    <div
      style={{
        minHeight: '100%',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'flex-start',
        padding: '72px 16px 32px',
        background:
          'linear-gradient(180deg, #0b2545 0, #16396a 300px, #f4f6f9 300px, #f4f6f9 100%)',
      }}
    >
      <div style={{ position: 'fixed', top: 12, right: 12 }}>
        <LanguageSwitch onDark />
      </div>
      <div style={{ textAlign: 'center', color: '#fff', marginBottom: 24 }}>
        <img src="/favicon.svg" alt="" width={56} height={56} />
        <Typography.Title level={2} style={{ color: '#fff', margin: '12px 0 4px' }}>
          {t('app.fullName')}
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.75)' }}>
          {t('app.tagline')}
        </Typography.Text>
      </div>
      <Card
        style={{ width: '100%', maxWidth: 400, boxShadow: '0 12px 32px rgba(11, 37, 69, 0.18)' }}
        styles={{ body: { padding: 28 } }}
      >
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 20 }}>
          {t('auth.title')}
        </Typography.Title>
        {expired && !mutation.error ? (
          <Alert
            type="info"
            showIcon
            title={t('auth.sessionExpired')}
            style={{ marginBottom: 16 }}
            data-testid="session-expired"
          />
        ) : null}
        {mutation.error ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(mutation.error)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        <Form<Credentials>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => mutation.mutate(values)}
          disabled={mutation.isPending}
        >
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              size="large"
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={mutation.isPending}
            data-testid="login-submit"
          >
            {t('auth.submit')}
          </Button>
        </Form>
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 20, marginBottom: 0, fontSize: 13 }}
        >
          {t('auth.demoHint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
