import { LineChart } from 'echarts/charts';
import { Chart, type EChartsOption } from '../../../ui/chart/Chart';
import { echarts } from '../../../ui/chart/echarts';
import type { Preview } from '../api';
import { useSupplyText } from '../i18n';

// The quota is a line over the customer bars; the shell registers bars only.
echarts.use([LineChart]);

/** Customers per grade (bars) and the quota per customer (line), with last week's for comparison. */
export function QuotaChart({ preview }: { preview: Preview }) {
  const s = useSupplyText();
  const grades = preview.grades.map((g) => `D${g.grade}`);
  const option: EChartsOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: grades },
    yAxis: [
      { type: 'value', name: s('preview.chartCustomers') },
      { type: 'value', name: s('preview.chartQuota'), minInterval: 1 },
    ],
    series: [
      {
        name: s('preview.chartCustomers'),
        type: 'bar',
        data: preview.grades.map((g) => g.customers),
        itemStyle: { color: '#91caff' },
      },
      {
        name: s('preview.chartQuota'),
        type: 'line',
        yAxisIndex: 1,
        step: 'middle',
        data: preview.grades.map((g) => g.quotaMax),
        itemStyle: { color: '#d4380d' },
      },
      ...(preview.lastWeek
        ? [
            {
              name: s('preview.chartLastWeek'),
              type: 'line' as const,
              yAxisIndex: 1,
              step: 'middle' as const,
              lineStyle: { type: 'dashed' as const },
              data: preview.lastWeek.quotaByGrade,
              itemStyle: { color: '#8c8c8c' },
            },
          ]
        : []),
    ],
  };
  return <Chart option={option} height={320} testId="supply-quota-chart" />;
}
