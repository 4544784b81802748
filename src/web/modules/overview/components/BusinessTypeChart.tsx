import { useMemo } from 'react';
import type { OverviewResponse } from '../../../../contracts/overview';
import { Chart, type EChartsOption } from '../../../ui/chart/Chart';
import { formatInteger } from '../../../ui/format';
import { escapeHtml } from '../../../ui/html';
import { useI18n } from '../../../ui/i18n/i18n';
import { useVocabulary } from '../../retail/vocabulary';

const palette = ['#1f5fa8', '#f5b400', '#2f9e7d', '#d9534f', '#7c5cbf', '#4fb3d9', '#8c8c8c'];

/** Share of retailers per business type (业态), as a ring. */
export function BusinessTypeChart({
  byBusinessType,
  compact = false,
}: {
  byBusinessType: OverviewResponse['byBusinessType'];
  /** On phones the outer labels do not fit: the legend and tooltip carry the figures. */
  compact?: boolean;
}) {
  const { t, language } = useI18n();
  const vocabulary = useVocabulary();
  const option = useMemo<EChartsOption>(
    () => ({
      color: palette,
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const { name, value, percent } = params as {
            name: string;
            value: number;
            percent: number;
          };
          return `${escapeHtml(name)}<br/>${formatInteger(value, language)} (${percent.toFixed(1)}%)`;
        },
      },
      legend: { bottom: 0, type: 'scroll', itemWidth: 12, itemHeight: 12 },
      series: [
        {
          type: 'pie',
          name: t('overview.byBusinessType'),
          radius: ['42%', '68%'],
          center: ['50%', '44%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: {
            show: !compact,
            formatter: (params: unknown) =>
              `${(params as { percent: number }).percent.toFixed(1)}%`,
          },
          data: [...byBusinessType]
            .sort((a, b) => b.retailers - a.retailers)
            .map((item) => ({
              name: vocabulary.businessType(item.businessType),
              value: item.retailers,
            })),
        },
      ],
    }),
    [byBusinessType, compact, vocabulary, t, language],
  );
  return <Chart option={option} height={300} testId="overview-business-chart" />;
}
