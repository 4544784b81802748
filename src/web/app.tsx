import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { markSessionExpired, meKey } from './modules/auth/api';
import { router } from './routes';
import { ApiError } from './ui/api';
import { I18nProvider, useI18n } from './ui/i18n/i18n';
import { shellColors } from './ui/layout/AppShell';

function onApiError(error: unknown, key?: readonly unknown[]) {
  // A 401 anywhere means the session ended: forget the user, and RequireAuth shows the log-in.
  if (error instanceof ApiError && error.status === 401 && key?.join() !== meKey.join()) {
    if (queryClient.getQueryData(meKey)) markSessionExpired();
    queryClient.setQueryData(meKey, null);
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onApiError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onApiError(error) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Refusals (4xx) will not change on retry; network failures and 5xx might.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const theme: ThemeConfig = {
  token: { colorPrimary: '#1f5fa8', borderRadius: 6, colorBgLayout: '#f4f6f9' },
  components: {
    Layout: { siderBg: shellColors.sider, triggerBg: shellColors.trigger, headerBg: '#ffffff' },
    Menu: {
      darkItemBg: shellColors.sider,
      darkSubMenuItemBg: shellColors.trigger,
      darkPopupBg: shellColors.sider,
      darkItemSelectedBg: '#1f5fa8',
    },
  },
};

function Localised() {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localised />
      </I18nProvider>
    </QueryClientProvider>
  );
}
