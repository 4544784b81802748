import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { EChartsOption } from 'echarts';
import type { CSSProperties } from 'react';
import { echarts } from './echarts';

export type { EChartsOption } from 'echarts';

export interface ChartProps {
  option: EChartsOption;
  height?: number | string;
  /** ECharts events by name, e.g. `{ click: (params) => … }`. */
  onEvents?: Record<string, (params: unknown) => void>;
  style?: CSSProperties;
  testId?: string;
}

/** An ECharts canvas bound to the tree-shaken core; resizes with its container. */
export function Chart({ option, height = 320, onEvents, style, testId }: ChartProps) {
  return (
    <div data-testid={testId} style={{ width: '100%', height, ...style }}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        lazyUpdate
        style={{ width: '100%', height: '100%' }}
        {...(onEvents ? { onEvents } : {})}
      />
    </div>
  );
}
