import { z } from 'zod';
import type { Language } from './i18n';

const marker = '\u0000bi:';
let installed = false;

function text(result: unknown): string {
  if (typeof result === 'string') return result;
  if (result && typeof result === 'object' && 'message' in result) return String(result.message);
  return 'invalid';
}

/**
 * Zod writes a validation message when it parses, before we know the reader's language; the
 * message is written in both languages and the error handler picks one (`localiseValidationMessage`).
 */
export function installBilingualValidationMessages(): void {
  if (installed) return;
  installed = true;
  const zh = z.locales.zhCN();
  const en = z.locales.en();
  z.config({
    customError: (issue) =>
      marker + JSON.stringify({ zh: text(zh.localeError(issue)), en: text(en.localeError(issue)) }),
  });
}

export function localiseValidationMessage(message: string, language: Language): string {
  if (!message.startsWith(marker)) return message;
  try {
    const both = JSON.parse(message.slice(marker.length)) as { zh: string; en: string };
    return language === 'en' ? both.en : both.zh;
  } catch {
    return message;
  }
}
