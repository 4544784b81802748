import { useModuleText } from '../../ui/i18n/moduleText';
import { texts, vocab } from './texts';

/** The workforce texts and vocabulary labels in the current language. */
export function useWorkforceText() {
  const { t, label, language } = useModuleText(texts, vocab);
  return { w: t, label, language };
}
