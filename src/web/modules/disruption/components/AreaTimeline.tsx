import { Chart, type EChartsOption } from '../../../ui/chart/Chart';
import { escapeHtml } from '../../../ui/html';
import type { AreaDto } from '../api';
import { shanghai } from '../texts';

const colour = (severity: number) =>
  severity >= 30 ? '#cf1322' : severity >= 20 ? '#fa8c16' : severity >= 10 ? '#d4b106' : '#1677ff';

/**
 * A gantt-like timeline of areas: one row per area, a bar from its start to its end (or now for
 * open-ended ones), coloured by severity. Two stacked bars on a value axis of epoch ms: an
 * invisible offset and the visible duration.
 */
export function AreaTimeline({ areas }: { areas: AreaDto[] }) {
  const now = Date.now();
  const rows = [...areas].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const starts = rows.map((a) => Date.parse(a.validFrom));
  // Open-ended areas would stretch the axis to today (years after a past outbreak): the window
  // ends 30 days after the latest start or finite end, and open bars run to its edge.
  const finite = rows.flatMap((a) =>
    [a.validUntil, a.endedAt].filter((v): v is string => v !== null).map(Date.parse),
  );
  const windowEnd = Math.min(now, Math.max(...starts, ...finite, 0) + 30 * 86_400_000);
  const ends = rows.map((a) =>
    Math.min(
      a.validUntil ? Date.parse(a.validUntil) : windowEnd,
      a.endedAt ? Date.parse(a.endedAt) : windowEnd,
      windowEnd,
    ),
  );
  const min = starts.length > 0 ? Math.min(...starts) : now;
  const option: EChartsOption = {
    grid: { left: 220, right: 24, top: 16, bottom: 40 },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const i = (p as { dataIndex: number }).dataIndex;
        const a = rows[i]!;
        return `${escapeHtml(a.name)}<br/>${escapeHtml(a.statusLabel)}<br/>${shanghai(a.validFrom)} → ${shanghai(a.endedAt ?? a.validUntil) || '…'}`;
      },
    },
    xAxis: {
      type: 'value',
      min,
      axisLabel: { formatter: (v: number) => new Date(v).toISOString().slice(5, 10) },
    },
    yAxis: { type: 'category', data: rows.map((a) => a.name), inverse: true },
    series: [
      {
        type: 'bar',
        stack: 'span',
        itemStyle: { color: 'transparent' },
        data: starts.map((s) => s - min),
        silent: true,
      },
      {
        type: 'bar',
        stack: 'span',
        data: rows.map((a, i) => ({
          value: Math.max(ends[i]! - starts[i]!, 3_600_000),
          itemStyle: { color: colour(a.severity), opacity: a.active ? 1 : 0.45 },
        })),
      },
    ],
  };
  // The offset series starts at `min`, so shift the axis back to absolute instants.
  (option.xAxis as { min: number }).min = 0;
  (option.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter = (
    v: number,
  ) => new Date(v + min).toISOString().slice(0, 10);
  (option.xAxis as { max?: number }).max = windowEnd - min;
  return (
    <Chart option={option} height={Math.max(200, rows.length * 28 + 60)} testId="area-timeline" />
  );
}
