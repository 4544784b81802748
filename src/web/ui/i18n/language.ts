export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'tongxin.lang';

/** The saved choice, else Chinese: the product's users work in Chinese by default. */
export function savedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return value === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function saveLanguage(language: Language): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}
