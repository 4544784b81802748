import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

// The drawing plugin (geoman) extends the global `L`; Leaflet sets it too, but only when its UMD
// build runs in a browser global scope, which bundlers do not guarantee. Imported before geoman.
(globalThis as { L?: typeof L }).L = L;

export { L };

/**
 * Tooltip content that Leaflet shows as text. Given a string, Leaflet sets it as HTML, and names
 * drawn on the map (county names, area names typed by users or imported from a sheet) are data,
 * never markup: an area named `<img src=x onerror=…>` must read as just that.
 */
export function textTooltip(text: string, doc: Pick<Document, 'createElement'> = document) {
  const span = doc.createElement('span');
  span.textContent = text;
  return span;
}
