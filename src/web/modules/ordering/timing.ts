import type { Language } from '../../ui/i18n/i18n';

/** Where now lies relative to an ordering window (display only: the server decides). */
export type WindowPhase = 'before' | 'open' | 'after';

export function windowPhase(
  window: { open: boolean; opensAt: string; closesAt: string },
  now: number,
): WindowPhase {
  if (window.open) return 'open';
  return now < Date.parse(window.opensAt) ? 'before' : 'after';
}

/**
 * Time left until an instant, in days/hours/minutes; null when the browser's clock disagrees with
 * the server's verdict (the server may run on a fixed clock), so no wrong countdown is shown.
 */
export function timeLeft(until: string, now: number, language: Language): string | null {
  const ms = Date.parse(until) - now;
  if (!Number.isFinite(ms) || ms <= 0 || ms > 14 * 86_400_000) return null;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const zh = language === 'zh-CN';
  const parts: string[] = [];
  if (days) parts.push(zh ? `${days} 天` : `${days} d`);
  if (hours || days) parts.push(zh ? `${hours} 小时` : `${hours} h`);
  if (!days) parts.push(zh ? `${mins} 分钟` : `${mins} min`);
  return parts.join(' ');
}

/** Fresh per submit attempt; reused only when the same submit is retried. */
export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

const shortFormats = new Map<Language, Intl.DateTimeFormat>();

/** An instant as the shop reads it, in Asia/Shanghai: "11月29日 周日 23:59" / "Sun, Nov 29, 23:59". */
export function shortInstant(iso: string, language: Language): string {
  let format = shortFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      timeZone: 'Asia/Shanghai',
      month: language === 'en' ? 'short' : 'long',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    shortFormats.set(language, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}
