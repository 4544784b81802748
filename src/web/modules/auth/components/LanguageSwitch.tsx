import { TranslationOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Tooltip } from 'antd';
import { useI18n } from '../../../ui/i18n/i18n';

/** Toggles Chinese/English; data in the cache is refetched so names and messages follow. */
export function LanguageSwitch({ onDark = false }: { onDark?: boolean }) {
  const { language, setLanguage, t } = useI18n();
  const queryClient = useQueryClient();
  return (
    <Tooltip title={t('lang.switchTooltip')}>
      <Button
        type="text"
        icon={<TranslationOutlined />}
        data-testid="language-switch"
        style={onDark ? { color: 'rgba(255,255,255,0.85)' } : undefined}
        onClick={() => {
          setLanguage(language === 'en' ? 'zh-CN' : 'en');
          // Shapes do not depend on the language; everything else may carry names or messages.
          void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'geo' });
        }}
      >
        {t('lang.switch')}
      </Button>
    </Tooltip>
  );
}
