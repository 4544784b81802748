import { L, textTooltip } from './leaflet';
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import { useEffect, useRef } from 'react';
import type { AreaDto } from '../api';

/** What the user drew or picked on the map. */
export type Drawn =
  | { kind: 'geometry'; geometry: { type: 'Polygon'; coordinates: [number, number][][] } }
  | { kind: 'circle'; center: [number, number]; radiusM: number }
  | { kind: 'counties'; countyCodes: string[] }
  | null;

export interface AreaMapProps {
  /** County shapes (`/api/geo/counties`). */
  counties: GeoJSON.FeatureCollection | undefined;
  /** Areas to show (active ones, coloured by severity). */
  areas: AreaDto[];
  picked: string[];
  onChange: (drawn: Drawn) => void;
  height?: number;
}

const severityColour = (severity: number) =>
  severity >= 30 ? '#cf1322' : severity >= 20 ? '#fa8c16' : severity >= 10 ? '#fadb14' : '#1677ff';

/**
 * Leaflet over the county shapes, with no tile layer (works offline): draw a polygon or a circle
 * (geoman), or click counties to pick them. One drawn shape at a time.
 */
export function AreaMap({ counties, areas, picked, onChange, height = 520 }: AreaMapProps) {
  const holder = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const countyLayer = useRef<L.GeoJSON | null>(null);
  const areaLayer = useRef<L.LayerGroup | null>(null);
  const pickedRef = useRef(picked);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    pickedRef.current = picked;
    onChangeRef.current = onChange;
  });

  useEffect(() => {
    if (!holder.current || map.current) return;
    const m = L.map(holder.current, { zoomControl: true, attributionControl: false }).setView(
      [37.85, 112.56],
      10,
    );
    m.pm.addControls({
      position: 'topleft',
      drawMarker: false,
      drawCircleMarker: false,
      drawPolyline: false,
      drawRectangle: true,
      drawText: false,
      cutPolygon: false,
      rotateMode: false,
    });
    const drawnLayers = new L.LayerGroup().addTo(m);
    const report = (layer: L.Layer) => {
      if (layer instanceof L.Circle) {
        const c = layer.getLatLng();
        onChangeRef.current({ kind: 'circle', center: [c.lng, c.lat], radiusM: layer.getRadius() });
      } else if (layer instanceof L.Polygon) {
        const geo = layer.toGeoJSON().geometry as GeoJSON.Polygon;
        onChangeRef.current({
          kind: 'geometry',
          geometry: { type: 'Polygon', coordinates: geo.coordinates as [number, number][][] },
        });
      }
    };
    m.on('pm:create', (event: { layer: L.Layer }) => {
      drawnLayers.clearLayers();
      drawnLayers.addLayer(event.layer);
      event.layer.on('pm:edit', () => report(event.layer));
      report(event.layer);
    });
    m.on('pm:remove', () => onChangeRef.current(null));
    areaLayer.current = new L.LayerGroup().addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !counties) return;
    countyLayer.current?.remove();
    const layer = L.geoJSON(counties, {
      style: (feature) => ({
        color: '#8c8c8c',
        weight: 1,
        fillColor: pickedRef.current.includes(String(feature?.properties?.code))
          ? '#1677ff'
          : '#f0f0f0',
        fillOpacity: 0.35,
      }),
      onEachFeature: (feature, l) => {
        const code = String(feature.properties?.code);
        l.bindTooltip(() => textTooltip(String(feature.properties?.name ?? code)), {
          sticky: true,
        });
        l.on('click', () => {
          if (m.pm.globalDrawModeEnabled()) return;
          const now = pickedRef.current.includes(code)
            ? pickedRef.current.filter((c) => c !== code)
            : [...pickedRef.current, code];
          onChangeRef.current(now.length > 0 ? { kind: 'counties', countyCodes: now } : null);
        });
      },
    });
    layer.addTo(m);
    layer.bringToBack();
    countyLayer.current = layer;
  }, [counties]);

  useEffect(() => {
    countyLayer.current?.setStyle((feature) => ({
      color: '#8c8c8c',
      weight: 1,
      fillColor: picked.includes(String(feature?.properties?.code)) ? '#1677ff' : '#f0f0f0',
      fillOpacity: 0.35,
    }));
  }, [picked]);

  useEffect(() => {
    const group = areaLayer.current;
    if (!group) return;
    group.clearLayers();
    for (const area of areas) {
      const colour = severityColour(area.severity);
      const style = {
        color: colour,
        weight: 2,
        fillColor: colour,
        fillOpacity: 0.3,
        pmIgnore: true,
      };
      const c = area.coverage;
      let shape: L.Layer | null = null;
      if (c.kind === 'geometry' || c.kind === 'townships')
        shape = L.geoJSON(c.geometry as GeoJSON.Geometry, { style, pmIgnore: true });
      else if (c.kind === 'circle')
        shape = L.circle([c.center[1], c.center[0]], { radius: c.radiusM, ...style });
      if (shape) {
        (shape as L.Path).bindTooltip?.(() => textTooltip(`${area.name} · ${area.statusLabel}`));
        group.addLayer(shape);
      }
    }
  }, [areas]);

  return (
    <div
      ref={holder}
      data-testid="area-map"
      style={{ height, width: '100%', background: '#fafafa' }}
    />
  );
}
