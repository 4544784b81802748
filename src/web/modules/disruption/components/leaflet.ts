import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

// The drawing plugin (geoman) extends the global `L`; Leaflet sets it too, but only when its UMD
// build runs in a browser global scope, which bundlers do not guarantee. Imported before geoman.
(globalThis as { L?: typeof L }).L = L;

export { L };
