/**
 * How fast and in how much memory an uploaded zip bomb is refused (issue 13: a 1 MB zip that
 * inflates to 1 GB refused in under a second with flat memory). Two bombs: one whose headers
 * declare the gigabyte, one whose headers claim 1 KB (its entry must be inflated up to the bound).
 * `npx tsx bench/spreadsheet/run.ts`
 */
import { checkZipBounds } from '../../src/server/platform/zip';
import { zipBomb } from '../../test/support/zip-bomb';

const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
const boundMs = 1000;

const bombs = [];
for (const [label, bomb] of [
  ['declared 1 GiB', zipBomb(1024)],
  ['lying header, 1 GiB', zipBomb(1024, { lie: true })],
] as const) {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const start = performance.now();
  const verdict = await checkZipBounds(bomb);
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  bombs.push({
    bomb: label,
    zipKb: Math.round(bomb.length / 1024),
    verdict,
    ms: Math.round(ms),
    rssBeforeMb: mb(rssBefore),
    rssPeakMb: mb(peak),
  });
}
const slowest = Math.max(...bombs.map((b) => b.ms));
console.log(
  JSON.stringify({
    bench: 'spreadsheet',
    bombs,
    boundMs,
    slowestMs: slowest,
    ratioToBound: Math.round((slowest / boundMs) * 1000) / 1000,
    worstRssGrowthMb: Math.max(
      ...bombs.map((b) => Math.round((b.rssPeakMb - b.rssBeforeMb) * 10) / 10),
    ),
  }),
);
