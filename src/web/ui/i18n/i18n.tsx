import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from '../api';
import { en } from './en';
import { savedLanguage, saveLanguage, type Language } from './language';
import { zh, type Dictionary, type MessageKey } from './zh';

export type { Language } from './language';
export type { MessageKey } from './zh';

const dictionaries: Record<Language, Dictionary> = { 'zh-CN': zh, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function applyLanguage(language: Language): void {
  setApiLanguage(language);
  document.documentElement.lang = language;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const initial = savedLanguage();
    applyLanguage(initial);
    return initial;
  });

  const setLanguage = useCallback((next: Language) => {
    saveLanguage(next);
    applyLanguage(next);
    setLanguageState(next);
  }, []);

  const t = useCallback<Translate>(
    (key, vars) => {
      const text = dictionaries[language][key];
      if (!vars) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in vars ? String(vars[name]) : whole,
      );
    },
    [language],
  );

  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, its switch and the translate function. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an <I18nProvider> above it');
  return value;
}
