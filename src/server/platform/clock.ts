/**
 * The server's "now". `TONGXIN_CLOCK=2022-04-11T09:00:00+08:00` starts the clock at that instant
 * and lets it run: a demo or a browser journey can stand inside an ordering window of the seeded
 * week whatever the real date is. Unset, it is real time.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): () => Date {
  const start = env.TONGXIN_CLOCK ? Date.parse(env.TONGXIN_CLOCK) : Number.NaN;
  if (!Number.isFinite(start)) return () => new Date();
  const origin = Date.now();
  return () => new Date(start + (Date.now() - origin));
}
