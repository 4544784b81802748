import { useMemo } from 'react';
import {
  businessTypes,
  marketTypes,
  serviceStates,
  type BusinessType,
  type MarketType,
  type ServiceState,
} from '../../../contracts/retail';
import { useI18n, type MessageKey, type Translate } from '../../ui/i18n/i18n';

function translator(t: Translate, prefix: string, known: readonly string[]) {
  // An unknown value (a newer server) is shown raw rather than hidden.
  return (value: string): string =>
    known.includes(value) ? t(`${prefix}.${value}` as MessageKey) : value;
}

const statuses = ['active', 'suspended', 'closed'] as const;
const weekdays = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** The retail vocabularies (业态, 城网/农网, service states, …) in the UI language. */
export function useVocabulary() {
  const { t } = useI18n();
  return useMemo(
    () => ({
      businessType: translator(t, 'vocab.businessType', businessTypes),
      marketType: translator(t, 'vocab.marketType', marketTypes),
      serviceState: translator(t, 'vocab.serviceState', serviceStates),
      status: translator(t, 'vocab.status', statuses),
      /** 1 = Monday … 7 = Sunday. */
      weekday: (day: number) => translator(t, 'vocab.weekday', weekdays)(String(day)),
    }),
    [t],
  );
}

export type Vocabulary = ReturnType<typeof useVocabulary>;

/** Colour of a service state's tag: the further from normal service, the warmer. */
export const serviceStateColors: Record<ServiceState, string> = {
  open: 'green',
  cash_payer: 'blue',
  road_closed: 'orange',
  isolated: 'volcano',
  suspended: 'default',
};

export const statusColors: Record<string, string> = {
  active: 'green',
  suspended: 'orange',
  closed: 'default',
};

export { businessTypes, marketTypes, serviceStates };
export type { BusinessType, MarketType, ServiceState };
