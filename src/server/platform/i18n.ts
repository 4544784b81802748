/**
 * Languages of the user interface and of error messages. zh-CN is the default; English is chosen by
 * `?lang=en`, the `tx_lang` cookie or an `Accept-Language` that prefers English.
 */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

export function pickLanguage(input: {
  query?: string | undefined;
  cookie?: string | undefined;
  acceptLanguage?: string | undefined;
}): Language {
  for (const candidate of [input.query, input.cookie]) {
    if (candidate === 'en' || candidate === 'en-US') return 'en';
    if (candidate === 'zh' || candidate === 'zh-CN') return 'zh-CN';
  }
  const header = input.acceptLanguage?.trim().toLowerCase();
  if (header && header.startsWith('en')) return 'en';
  return 'zh-CN';
}

/** A text given in both languages, resolved when the response is written. */
export interface Bilingual {
  zh: string;
  en: string;
}

export type MessageParam = string | number | Bilingual;

function isBilingual(value: unknown): value is Bilingual {
  return typeof value === 'object' && value !== null && 'zh' in value && 'en' in value;
}

/** Fills `{name}` placeholders, choosing the language of bilingual values. */
export function interpolate(
  template: string,
  language: Language,
  params?: Record<string, MessageParam>,
): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    if (value === undefined) return whole;
    if (isBilingual(value)) return language === 'en' ? value.en : value.zh;
    return String(value);
  });
}
