import { useMemo } from 'react';
import type { OverviewResponse } from '../../../../contracts/overview';
import { Chart, type EChartsOption } from '../../../ui/chart/Chart';
import { echarts } from '../../../ui/chart/echarts';
import { formatInteger } from '../../../ui/format';
import { escapeHtml } from '../../../ui/html';
import { useI18n } from '../../../ui/i18n/i18n';
import { disruptionLevel, levelColours, type CountyDisruption } from '../../disruption';
import type { CountyFeatureCollection } from '../../org/api';
import { useOverviewText } from '../texts';

type GeoInput = Parameters<typeof echarts.registerMap>[1];

export interface ShanxiMapProps {
  shapes: CountyFeatureCollection;
  byCounty: OverviewResponse['byCounty'];
  onCountyClick: (county: { code: string; cityCode: string }) => void;
  height?: number;
  /** Phone layout: the colour scale lies along the bottom instead of standing at the left. */
  compact?: boolean;
  /** Areas in force per county code: affected counties are outlined in their level's colour. */
  disruption?: Map<string, CountyDisruption> | undefined;
}

/**
 * Counties of the caller's scope coloured by number of retailers. A city or county user sees only
 * their counties, drawn large; the province sees all 117. Counties are matched by code, so the
 * names can follow the UI language.
 */
export function ShanxiMap({
  shapes,
  byCounty,
  onCountyClick,
  height = 480,
  compact = false,
  disruption,
}: ShanxiMapProps) {
  const { t, language } = useI18n();
  const dt = useOverviewText();

  const inScope = useMemo(() => new Set(byCounty.map((county) => county.code)), [byCounty]);
  const mapName = useMemo(() => {
    const features = shapes.features.filter((feature) => inScope.has(feature.properties.code));
    // One registered map per scope: the name records which counties it holds.
    const name = `shanxi-${features.length}-${features[0]?.properties.code ?? 'none'}`;
    echarts.registerMap(name, { type: 'FeatureCollection', features } as unknown as GeoInput);
    return name;
  }, [shapes, inScope]);

  const option = useMemo<EChartsOption>(() => {
    const byCode = new Map(byCounty.map((county) => [county.code, county]));
    const max = Math.max(1, ...byCounty.map((county) => county.retailers));
    const fewCounties = byCounty.length <= 20;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const { name } = params as { name: string };
          const county = byCode.get(name);
          if (!county) return '';
          const base = t('overview.mapTooltip', {
            name: escapeHtml(county.name),
            count: formatInteger(county.retailers, language),
          });
          const hit = disruption?.get(name);
          const level = disruptionLevel(hit);
          if (!hit || !level) return base;
          const n = (value: number) => formatInteger(value, language);
          return [
            base,
            `<span style="color:${levelColours[level]};font-weight:600">● ${dt(
              'disruption.tooltipAreas',
              { sealed: n(hit.sealedAreas), controlled: n(hit.controlledAreas) },
            )}</span>`,
            dt('disruption.tooltipRetailers', {
              blocked: n(hit.retailersBlocked),
              restricted: n(hit.retailersRestricted),
            }),
            dt('disruption.tooltipStaff', { staff: n(hit.staffCannotCommute) }),
          ].join('<br/>');
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max,
        ...(compact
          ? {
              orient: 'horizontal' as const,
              left: 'center',
              bottom: 0,
              itemHeight: 140,
              itemWidth: 12,
            }
          : { left: 8, bottom: 8, itemHeight: 100 }),
        calculable: true,
        inRange: { color: ['#e3edf9', '#6f9fd8', '#1f5fa8', '#0b2545'] },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: true,
          ...(compact ? { top: 8, bottom: 48 } : {}),
          scaleLimit: { min: 0.8, max: 8 },
          selectedMode: false,
          label: {
            show: fewCounties,
            fontSize: 11,
            color: '#1d2939',
            // Readable on both the pale and the dark end of the colour scale.
            textBorderColor: 'rgba(255,255,255,0.9)',
            textBorderWidth: 2,
            formatter: (params: unknown) =>
              byCode.get((params as { name: string }).name)?.name ?? '',
          },
          itemStyle: { borderColor: '#ffffff', borderWidth: 0.8, areaColor: '#eef2f7' },
          emphasis: {
            label: {
              show: true,
              fontWeight: 'bold',
              formatter: (params: unknown) =>
                byCode.get((params as { name: string }).name)?.name ?? '',
            },
            itemStyle: { areaColor: '#f5b400' },
          },
          data: byCounty.map((county) => {
            const level = disruptionLevel(disruption?.get(county.code));
            // An outline keeps the retailer shading readable underneath the disruption level.
            return level
              ? {
                  name: county.code,
                  value: county.retailers,
                  itemStyle: { borderColor: levelColours[level], borderWidth: 2.5 },
                  label: {
                    show: true,
                    color: levelColours[level],
                    fontWeight: 'bold' as const,
                  },
                }
              : { name: county.code, value: county.retailers };
          }),
        },
      ],
    };
  }, [byCounty, mapName, compact, t, dt, language, disruption]);

  const onEvents = useMemo(
    () => ({
      click: (params: unknown) => {
        const county = byCounty.find((item) => item.code === (params as { name?: string }).name);
        if (county) onCountyClick({ code: county.code, cityCode: county.cityCode });
      },
    }),
    [byCounty, onCountyClick],
  );

  return <Chart option={option} height={height} onEvents={onEvents} testId="overview-map" />;
}
