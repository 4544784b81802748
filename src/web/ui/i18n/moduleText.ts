import { useCallback } from 'react';
import { useI18n, type Language } from './i18n';

/**
 * A module's own texts (`{name}` placeholders) and vocabulary labels in the current language:
 * the hook each module's `useText` wraps with its tables.
 */
export function useModuleText<K extends string>(
  texts: Record<Language, Record<K, string>>,
  vocab: Record<string, { zh: string; en: string }>,
) {
  const { language } = useI18n();
  const t = useCallback(
    (key: K, vars?: Record<string, string | number>) => {
      const text = texts[language][key];
      return vars
        ? text.replace(/\{(\w+)\}/g, (all, name: string) => String(vars[name] ?? all))
        : text;
    },
    [language, texts],
  );
  const label = useCallback(
    (value: string) => {
      const entry = vocab[value];
      return entry ? (language === 'en' ? entry.en : entry.zh) : value;
    },
    [language, vocab],
  );
  return { t, label, language };
}
