import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Flex, Grid, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../ui/i18n/i18n';
import { useCurrentUser, useLogout } from '../session';

/** Header block: who is logged in, in which role and data scope, and the log-out action. */
export function UserMenu() {
  const user = useCurrentUser();
  const logout = useLogout();
  const { t } = useI18n();
  const navigate = useNavigate();
  const compact = Grid.useBreakpoint().md === false;

  const identity = (
    <Flex
      align="center"
      gap={8}
      style={{ cursor: 'default', minWidth: 0 }}
      data-testid="user-identity"
    >
      <Avatar
        size="small"
        icon={<UserOutlined />}
        style={{ background: '#13315c', flex: 'none' }}
      />
      {compact ? null : (
        <Flex vertical style={{ lineHeight: 1.3, minWidth: 0 }}>
          <Typography.Text strong ellipsis data-testid="user-name">
            {user.displayName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {user.roleLabel}
          </Typography.Text>
        </Flex>
      )}
    </Flex>
  );

  const scopeTag = (
    <Tooltip title={t('auth.scope')}>
      <Tag color="geekblue" style={{ marginInlineEnd: 0 }} data-testid="user-scope">
        {user.scope.label}
      </Tag>
    </Tooltip>
  );

  if (compact) {
    return (
      <Flex align="center" gap={8}>
        {scopeTag}
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'who', label: `${user.displayName} · ${user.roleLabel}`, disabled: true },
              { type: 'divider' },
              { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword') },
              { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
            ],
            onClick: ({ key }) => {
              if (key === 'logout') logout.mutate();
              if (key === 'password') void navigate('/account/password');
            },
          }}
        >
          <Button type="text" shape="circle" aria-label={user.displayName} data-testid="user-menu">
            {identity}
          </Button>
        </Dropdown>
      </Flex>
    );
  }

  return (
    <Flex align="center" gap={16}>
      {scopeTag}
      {identity}
      <Tooltip title={t('auth.changePassword')}>
        <Button
          type="text"
          icon={<KeyOutlined />}
          onClick={() => void navigate('/account/password')}
          data-testid="change-password"
          aria-label={t('auth.changePassword')}
        />
      </Tooltip>
      <Tooltip title={t('auth.logout')}>
        <Button
          type="text"
          icon={<LogoutOutlined />}
          loading={logout.isPending}
          onClick={() => logout.mutate()}
          data-testid="logout"
          aria-label={t('auth.logout')}
        />
      </Tooltip>
    </Flex>
  );
}
