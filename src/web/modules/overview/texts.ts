import { useCallback } from 'react';
import { useI18n } from '../../ui/i18n/i18n';

// The disruption layer's texts live with the overview module (the shell's dictionary stays the shell's).
const zh = {
  'disruption.title': '封控与管控影响',
  'disruption.none': '当前没有生效的封控或管控区域',
  'disruption.sealed': '封控',
  'disruption.controlled': '管控',
  'disruption.county': '县区',
  'disruption.level': '级别',
  'disruption.areas': '区域数',
  'disruption.blocked': '零售户停订',
  'disruption.restricted': '零售户受限',
  'disruption.staff': '员工无法通勤',
  'disruption.tooltipAreas': '封控区 {sealed} 个 · 管控区 {controlled} 个',
  'disruption.tooltipRetailers': '零售户：停订 {blocked}，受限 {restricted}',
  'disruption.tooltipStaff': '员工无法通勤：{staff}',
};
const en: Record<keyof typeof zh, string> = {
  'disruption.title': 'Sealed and controlled areas',
  'disruption.none': 'No sealed or controlled area is in force',
  'disruption.sealed': 'Sealed',
  'disruption.controlled': 'Controlled',
  'disruption.county': 'County',
  'disruption.level': 'Level',
  'disruption.areas': 'Areas',
  'disruption.blocked': 'Retailers blocked',
  'disruption.restricted': 'Retailers restricted',
  'disruption.staff': 'Staff cannot commute',
  'disruption.tooltipAreas': '{sealed} sealed · {controlled} controlled areas',
  'disruption.tooltipRetailers': 'Retailers: {blocked} blocked, {restricted} restricted',
  'disruption.tooltipStaff': 'Staff who cannot commute: {staff}',
};

export type OverviewText = keyof typeof zh;

/** Translate an overview-module text in the current language. */
export function useOverviewText() {
  const { language } = useI18n();
  return useCallback(
    (key: OverviewText, vars?: Record<string, string | number>) => {
      const text = (language === 'en' ? en : zh)[key];
      return vars ? text.replace(/\{(\w+)\}/g, (w, k: string) => String(vars[k] ?? w)) : text;
    },
    [language],
  );
}
