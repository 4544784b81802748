import { LineChart } from 'echarts/charts';
import { useMemo } from 'react';
import type {
  AvailabilityResponse,
  AvailabilityTrendResponse,
} from '../../../../contracts/workforce';
import { workModes } from '../../../../contracts/workforce';
import { Chart } from '../../../ui/chart/Chart';
import { echarts } from '../../../ui/chart/echarts';
import { modeColours } from '../texts';
import { useWorkforceText } from '../useText';

// The trend draws its ratio as a line; the shared core registers bars, pies and maps only.
echarts.use([LineChart]);

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Unable-to-work-on-site ratio per child unit, bars stacked by mode. */
export function ChildrenChart({ data }: { data: AvailabilityResponse }) {
  const { label } = useWorkforceText();
  const option = useMemo(() => {
    const rows = [...data.children].sort((a, b) => a.unableRatio - b.unableRatio);
    const away = workModes.filter((m) => m !== 'on_site' && m !== 'on_duty');
    return {
      tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
      legend: { top: 0, type: 'scroll' as const },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value' as const, max: 1, axisLabel: { formatter: percent } },
      yAxis: { type: 'category' as const, data: rows.map((r) => r.name) },
      series: away.map((mode) => ({
        name: label(mode),
        type: 'bar' as const,
        stack: 'unable',
        itemStyle: { color: modeColours[mode] },
        data: rows.map((r) => (r.headcount === 0 ? 0 : r.byMode[mode] / r.headcount)),
        tooltip: { valueFormatter: (v: unknown) => percent(Number(v)) },
      })),
    };
  }, [data, label]);
  return (
    <Chart
      option={option}
      height={Math.max(260, data.children.length * 26 + 60)}
      testId="workforce-children-chart"
    />
  );
}

/** Modes of the day as a doughnut. */
export function ModeChart({ data }: { data: AvailabilityResponse }) {
  const { label } = useWorkforceText();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' as const },
      legend: { bottom: 0, type: 'scroll' as const },
      series: [
        {
          type: 'pie' as const,
          radius: ['40%', '68%'],
          top: -20,
          data: workModes
            .filter((m) => data.byMode[m] > 0)
            .map((m) => ({
              name: label(m),
              value: data.byMode[m],
              itemStyle: { color: modeColours[m] },
            })),
        },
      ],
    }),
    [data, label],
  );
  return <Chart option={option} height={280} testId="workforce-mode-chart" />;
}

/** Four weeks: on site and on duty as bars, the unable ratio as a line. */
export function TrendChart({ data }: { data: AvailabilityTrendResponse }) {
  const { w, label } = useWorkforceText();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category' as const, data: data.trend.map((d) => d.date.slice(5)) },
      yAxis: [
        { type: 'value' as const },
        {
          type: 'value' as const,
          max: 1,
          axisLabel: { formatter: percent },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: label('on_site'),
          type: 'bar' as const,
          stack: 'in',
          itemStyle: { color: modeColours.on_site },
          data: data.trend.map((d) => (d.reported === 0 ? null : d.onSite)),
        },
        {
          name: label('on_duty'),
          type: 'bar' as const,
          stack: 'in',
          itemStyle: { color: modeColours.on_duty },
          data: data.trend.map((d) => (d.reported === 0 ? null : d.onDuty)),
        },
        {
          name: w('unableRatio'),
          type: 'line' as const,
          yAxisIndex: 1,
          smooth: true,
          itemStyle: { color: '#c62828' },
          // A day without reports (before the history or purged) is a gap, not 0 %.
          data: data.trend.map((d) => (d.reported === 0 ? null : d.unableRatio)),
          tooltip: { valueFormatter: (v: unknown) => percent(Number(v)) },
        },
      ],
    }),
    [data, w, label],
  );
  return <Chart option={option} height={300} testId="workforce-trend-chart" />;
}
