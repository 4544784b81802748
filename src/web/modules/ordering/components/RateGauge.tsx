import { GaugeChart } from 'echarts/charts';
import { useMemo } from 'react';
import { Chart } from '../../../ui/chart/Chart';
import { echarts } from '../../../ui/chart/echarts';

// The gauge is this module's own: the shared core registers bars, pies and maps only.
echarts.use([GaugeChart]);

/** 订货户率 as a gauge (0–100 %), green once most retailers have ordered. */
export function RateGauge({ rate, caption }: { rate: number; caption: string }) {
  const option = useMemo(
    () => ({
      series: [
        {
          type: 'gauge' as const,
          min: 0,
          max: 100,
          radius: '100%',
          center: ['50%', '62%'],
          startAngle: 200,
          endAngle: -20,
          // At 0 % a round cap would still draw a dot.
          progress: { show: rate > 0, width: 18, roundCap: true },
          axisLine: { roundCap: true, lineStyle: { width: 18 } },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: { show: false },
          pointer: { show: false },
          anchor: { show: false },
          itemStyle: { color: rate >= 0.8 ? '#2e7d32' : rate >= 0.5 ? '#1f5fa8' : '#ef6c00' },
          title: { offsetCenter: [0, '28%'], fontSize: 13, color: '#666' },
          detail: {
            valueAnimation: true,
            offsetCenter: [0, '-5%'],
            fontSize: 30,
            fontWeight: 'bold' as const,
            formatter: (v: number) => `${v.toFixed(1)}%`,
          },
          data: [{ value: Math.round(rate * 1000) / 10, name: caption }],
        },
      ],
    }),
    [rate, caption],
  );
  return <Chart option={option} height={200} testId="ordering-rate-gauge" />;
}
