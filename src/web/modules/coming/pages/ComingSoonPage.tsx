import { Card, Empty, Typography } from 'antd';
import { useParams } from 'react-router';
import { useI18n, type MessageKey } from '../../../ui/i18n/i18n';
import { PageHeader } from '../../../ui/PageHeader';
import { NotFoundPage } from '../../../ui/NotFoundPage';

const comingModules: Record<string, MessageKey> = {
  disruption: 'nav.disruption',
  workforce: 'nav.workforce',
  supply: 'nav.supply',
  logistics: 'nav.logistics',
  licensing: 'nav.licensing',
};

/** The friendly page of a module that later work will fill. */
export function ComingSoonPage() {
  const { module = '' } = useParams();
  const { t } = useI18n();
  const label = comingModules[module];
  if (!label) return <NotFoundPage />;
  return (
    <>
      <PageHeader title={t(label)} />
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <Typography.Title level={5}>
                {t('coming.title', { module: t(label) })}
              </Typography.Title>
              <Typography.Text type="secondary">{t('coming.text')}</Typography.Text>
            </>
          }
          style={{ padding: '48px 0' }}
        />
      </Card>
    </>
  );
}
