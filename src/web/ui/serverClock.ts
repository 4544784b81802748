import { useQuery } from '@tanstack/react-query';
import type { HealthResponse } from '../../contracts/overview';
import { api } from './api';

/** How far the server's business clock runs ahead of this browser's (ms). */
async function fetchClockOffset(): Promise<number> {
  const sent = Date.now();
  const health = await api<HealthResponse>('/api/health');
  // The answer was stamped somewhere between sending and receiving: take the middle.
  return Date.parse(health.now) - (sent + Date.now()) / 2;
}

/**
 * "Now" as the server counts it. Weeks, windows and countdowns follow the server's clock, which a
 * demo may set back to 2022 (`TONGXIN_CLOCK`) and a real install keeps on real time; the browser's
 * own clock may also simply be wrong. `now` is null until the server has answered once.
 */
export function useServerNow(): { now: (() => Date) | null } {
  const { data: offset, isError } = useQuery({
    queryKey: ['server-clock'],
    queryFn: fetchClockOffset,
    staleTime: 10 * 60_000,
  });
  // Unreachable server: the browser's clock is the best guess left.
  if (offset === undefined) return { now: isError ? () => new Date() : null };
  return { now: () => new Date(Date.now() + offset) };
}
