/**
 * The server's "now". `TONGXIN_CLOCK=2022-04-11T09:00:00+08:00` (read by `platform/config.ts`)
 * starts the clock at that instant and lets it run: a demo or a browser journey can stand inside
 * an ordering window of the seeded week whatever the real date is. Null is real time. One clock
 * is built in `buildApp` and handed to every module that reads "now"
 * (docs/architecture.md#where-state-lives).
 */
export function clockFrom(start: string | null): () => Date {
  const at = start ? Date.parse(start) : Number.NaN;
  if (!Number.isFinite(at)) return realClock;
  const origin = Date.now();
  return () => new Date(at + (Date.now() - origin));
}

/** Real time. */
export const realClock = (): Date => new Date();
