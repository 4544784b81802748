function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
}

function within(a: number, b: number, v: number): boolean {
  return v >= Math.min(a, b) && v <= Math.max(a, b);
}

/**
 * Whether two closed segments share at least one point (touching counts): the one segment test of
 * the geo engine, used by polygon validation (self-intersection) and by area ∩ county checks.
 * Exact on the given doubles: orientations compare signs, never tolerances.
 */
export function segmentsMeet(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  if (d1 === 0 && within(cx, dx, ax) && within(cy, dy, ay)) return true;
  if (d2 === 0 && within(cx, dx, bx) && within(cy, dy, by)) return true;
  if (d3 === 0 && within(ax, bx, cx) && within(ay, by, cy)) return true;
  if (d4 === 0 && within(ax, bx, dx) && within(ay, by, dy)) return true;
  return false;
}
