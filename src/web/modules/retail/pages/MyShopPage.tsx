import { ShopOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import { ApiError } from '../../../ui/api';
import { useI18n } from '../../../ui/i18n/i18n';
import { PageHeader } from '../../../ui/PageHeader';
import { QueryState } from '../../../ui/QueryState';
import { useCurrentUser } from '../../auth/session';
import { useRetailer } from '../api';
import { RetailerDescriptions } from '../components/RetailerDescriptions';

/** A retailer's own shop: the first page a shop owner sees on their phone. */
export function MyShopPage() {
  const user = useCurrentUser();
  const { t } = useI18n();
  const shop = useRetailer(user.retailerId ?? undefined);

  const header = (
    <PageHeader
      title={t('nav.myShop')}
      subtitle={t('retail.myShopIntro', { name: user.displayName })}
    />
  );

  // The server may not (yet) let a retailer read its own record: say so kindly, not as a failure.
  if (
    !user.retailerId ||
    (shop.error instanceof ApiError && [403, 404].includes(shop.error.status))
  ) {
    return (
      <>
        {header}
        <Card>
          <Result
            icon={<ShopOutlined style={{ color: '#1f5fa8' }} />}
            title={t('retail.myShopUnavailable')}
            subTitle={
              <>
                {user.displayName} · {user.unitName}
                <br />
                {t('retail.myShopUnavailableText')}
              </>
            }
            data-testid="my-shop-fallback"
          />
        </Card>
      </>
    );
  }

  return (
    <>
      {header}
      <QueryState query={shop}>
        {(data) => <RetailerDescriptions retailer={data.retailer} />}
      </QueryState>
    </>
  );
}
