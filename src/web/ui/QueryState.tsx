import { Alert, Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from './api';
import { useI18n } from './i18n/i18n';

/** The message to show for a failed request: the server's, or a plain network notice. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => {
    if (error instanceof ApiError && error.status !== 0 && error.message) return error.message;
    return t('common.networkError');
  };
}

export function LoadingBlock({ minHeight = 240 }: { minHeight?: number }) {
  const { t } = useI18n();
  return (
    <div style={{ minHeight, display: 'grid', placeItems: 'center' }}>
      <Spin description={t('common.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}

export function ErrorBlock({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const message = useErrorMessage()(error);
  return (
    <Result
      status="warning"
      title={t('common.errorTitle')}
      subTitle={message}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function InlineError({ error }: { error: unknown }) {
  const message = useErrorMessage()(error);
  return <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />;
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Renders loading, error (with retry) or the data of one query. */
export function QueryState<T>({
  query,
  children,
  minHeight,
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
  minHeight?: number;
}) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;
  return <LoadingBlock {...(minHeight !== undefined ? { minHeight } : {})} />;
}
