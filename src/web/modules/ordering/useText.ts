import { useModuleText } from '../../ui/i18n/moduleText';
import { texts, vocab } from './texts';

/** The ordering texts and vocabulary labels in the current language. */
export function useOrderingText() {
  const { t, label, language } = useModuleText(texts, vocab);
  return { o: t, label, language };
}
