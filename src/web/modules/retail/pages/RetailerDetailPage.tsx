import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Result, Space, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../ui/api';
import { gradeLabel } from '../../../ui/format';
import { useI18n } from '../../../ui/i18n/i18n';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryState } from '../../../ui/QueryState';
import { useRetailer } from '../api';
import { RetailerDescriptions } from '../components/RetailerDescriptions';

export function RetailerDetailPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const retailer = useRetailer(id);

  const back = (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      // Back to the filtered list the user came from, when there is one.
      onClick={() => (window.history.length > 1 ? void navigate(-1) : void navigate('/retailers'))}
      style={{ paddingInline: 0, marginBottom: 4 }}
    >
      {t('common.back')}
    </Button>
  );

  if (retailer.error instanceof ApiError && retailer.error.status === 404) {
    return (
      <>
        {back}
        <Result status="404" title={t('retail.detailTitle')} subTitle={t('retail.notFound')} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        before={back}
        title={retailer.data ? retailer.data.retailer.name : t('retail.detailTitle')}
        subtitle={
          retailer.data
            ? `${retailer.data.retailer.licenceNo} · ${retailer.data.retailer.cityName} ${retailer.data.retailer.countyName}`
            : undefined
        }
        extra={
          retailer.data ? (
            <Space>
              <Tag color="geekblue" style={{ fontSize: 14, padding: '2px 10px' }}>
                {t('retail.grade')} {gradeLabel(retailer.data.retailer.grade)}
              </Tag>
            </Space>
          ) : undefined
        }
      />
      <QueryState query={retailer}>
        {(data) => <RetailerDescriptions retailer={data.retailer} />}
      </QueryState>
    </>
  );
}
