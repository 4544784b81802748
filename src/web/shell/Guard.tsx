import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { homePathOf } from '../modules/auth/home';
import { useCurrentUser } from '../modules/auth/session';
import { useI18n } from '../ui/i18n/i18n';
import { entryForPath } from './nav';

/**
 * Refuses, with a friendly page, a route the sidebar does not offer this user (a pasted link, say);
 * the server refuses the data anyway, this only spares a confusing error.
 */
export function Guard({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const { t } = useI18n();
  const entry = entryForPath(location.pathname);
  if (!entry || entry.visible(user)) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t('common.forbiddenTitle')}
      subTitle={t('common.forbiddenText')}
      extra={
        <Button type="primary" onClick={() => void navigate(homePathOf(user))}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
