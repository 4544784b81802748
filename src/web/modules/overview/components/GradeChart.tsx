import { useMemo } from 'react';
import { maxGrade } from '../../../../contracts/retail';
import type { OverviewResponse } from '../../../../contracts/overview';
import { Chart, type EChartsOption } from '../../../ui/chart/Chart';
import { formatInteger, gradeLabel } from '../../../ui/format';
import { useI18n } from '../../../ui/i18n/i18n';

/** Retailers per grade D1 … D30, grades without retailers drawn as zero. */
export function GradeChart({ byGrade }: { byGrade: OverviewResponse['byGrade'] }) {
  const { t, language } = useI18n();
  const option = useMemo<EChartsOption>(() => {
    const counts = new Map(byGrade.map((item) => [item.grade, item.retailers]));
    const grades = Array.from({ length: maxGrade }, (_, index) => index + 1);
    return {
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value: unknown) => formatInteger(Number(value), language),
      },
      xAxis: {
        type: 'category',
        data: grades.map(gradeLabel),
        axisTick: { alignWithLabel: true },
        axisLabel: { interval: 'auto' },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('overview.retailerCount'),
          data: grades.map((grade) => counts.get(grade) ?? 0),
          itemStyle: { color: '#1f5fa8', borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 18,
        },
      ],
    };
  }, [byGrade, t, language]);
  return <Chart option={option} height={300} testId="overview-grade-chart" />;
}
