import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import type { UserSummary } from '../../../../contracts/auth';
import { formatDateTime } from '../../../ui/format';
import { useI18n } from '../../../ui/i18n/i18n';
import { PageHeader } from '../../../ui/PageHeader';
import { ErrorBlock, useErrorMessage } from '../../../ui/QueryState';
import { listUsers, setUserDisabled, usersKey } from '../api';
import { useCurrentUser } from '../session';

const pageSize = 20;

/** The administrator's list of users: disable one (ending all their sessions) or enable again. */
export function UsersPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: [...usersKey, search, page],
    queryFn: () => listUsers(search, (page - 1) * pageSize, pageSize),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation({
    mutationFn: (user: UserSummary) => setUserDisabled(user.id, !user.disabled),
    onSuccess: (result) => {
      void message.success(
        result.disabled
          ? t('users.disabledDone', { name: result.username, count: result.sessionsRevoked })
          : t('users.enabledDone', { name: result.username }),
      );
      void queryClient.invalidateQueries({ queryKey: usersKey });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  return (
    <>
      <PageHeader title={t('users.title')} subtitle={t('users.subtitle')} />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          style={{ maxWidth: 320, marginBottom: 16 }}
          onSearch={(value) => {
            setSearch(value.trim());
            setPage(1);
          }}
          data-testid="users-search"
        />
        {query.error ? (
          <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<UserSummary>
            rowKey="id"
            size="middle"
            loading={query.isFetching}
            dataSource={query.data?.users ?? []}
            scroll={{ x: 720 }}
            pagination={{
              current: page,
              pageSize,
              total: query.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
            }}
            columns={[
              { title: t('users.username'), dataIndex: 'username' },
              { title: t('users.name'), dataIndex: 'displayName' },
              { title: t('users.role'), dataIndex: 'roleLabel' },
              { title: t('users.unit'), dataIndex: 'unitCode' },
              {
                title: t('users.lastLogin'),
                dataIndex: 'lastLoginAt',
                render: (value: string | null) =>
                  value ? formatDateTime(value, language) : t('common.none'),
              },
              {
                title: t('users.status'),
                dataIndex: 'disabled',
                render: (disabled: boolean) =>
                  disabled ? (
                    <Tag color="red">{t('users.disabled')}</Tag>
                  ) : (
                    <Tag color="green">{t('users.active')}</Tag>
                  ),
              },
              {
                title: '',
                key: 'action',
                render: (_value, user) =>
                  user.id === me.id ? null : user.disabled ? (
                    <Button
                      size="small"
                      onClick={() => toggle.mutate(user)}
                      data-testid={`enable-${user.username}`}
                    >
                      {t('users.enable')}
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t('users.disableConfirm', { name: user.displayName })}
                      onConfirm={() => toggle.mutate(user)}
                    >
                      <Button size="small" danger data-testid={`disable-${user.username}`}>
                        {t('users.disable')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
