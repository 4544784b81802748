import { Flex, Tag } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../modules/auth/components/LanguageSwitch';
import { UserMenu } from '../modules/auth/components/UserMenu';
import { useCurrentUser } from '../modules/auth/session';
import { useI18n } from '../ui/i18n/i18n';
import { AppShell, type NavItem } from '../ui/layout/AppShell';
import { entryForPath, navEntries } from './nav';

/** The logged-in frame: the sidebar shows only what the user's permissions open. */
export function MainLayout() {
  const user = useCurrentUser();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();

  const items: NavItem[] = navEntries
    .filter((entry) => entry.visible(user))
    .map((entry) => ({
      key: entry.path,
      icon: entry.icon,
      label: entry.coming ? (
        <Flex justify="space-between" align="center" gap={8}>
          <span>{t(entry.label)}</span>
          <Tag
            variant="filled"
            style={{
              marginInlineEnd: 0,
              fontSize: 11,
              lineHeight: '18px',
              background: 'rgba(255,255,255,0.12)',
              color: 'rgba(255,255,255,0.7)',
            }}
          >
            {t('nav.coming')}
          </Tag>
        </Flex>
      ) : (
        t(entry.label)
      ),
    }));

  return (
    <AppShell
      brandName={t('app.name')}
      navItems={items}
      selectedKey={entryForPath(location.pathname)?.path ?? ''}
      onNavigate={(key) => void navigate(key)}
      menuLabel={t('nav.menu')}
      headerRight={
        <Flex align="center" gap={8}>
          <LanguageSwitch />
          <UserMenu />
        </Flex>
      }
    >
      <Outlet />
    </AppShell>
  );
}
