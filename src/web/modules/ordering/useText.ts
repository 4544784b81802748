import { useCallback } from 'react';
import { useI18n } from '../../ui/i18n/i18n';
import { texts, vocab, type TextKey } from './texts';

/** The ordering texts and vocabulary labels in the current language. */
export function useOrderingText() {
  const { language } = useI18n();
  const o = useCallback(
    (key: TextKey, vars?: Record<string, string | number>) => {
      const text = texts[language][key];
      return vars
        ? text.replace(/\{(\w+)\}/g, (all, name: string) => String(vars[name] ?? all))
        : text;
    },
    [language],
  );
  const label = useCallback(
    (value: string) => {
      const entry = vocab[value];
      return entry ? (language === 'en' ? entry.en : entry.zh) : value;
    },
    [language],
  );
  return { o, label, language };
}
