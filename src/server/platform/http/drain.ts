import type { IncomingMessage } from 'node:http';

/** How much of a refused body is read and thrown away, and for how long, before giving up. */
export const drainLimits = { bytes: 32 * 1024 * 1024, ms: 10_000 } as const;

/**
 * Reads and discards what is left of a request body the server refused (too large), up to a
 * bound. The answer is sent with `Connection: close`; closing a socket whose incoming data was
 * never read makes the kernel send a reset, and a client still sending its body (curl, Python,
 * most upload libraries) then sees "connection reset" or "broken pipe" instead of the 413.
 * Past the bound the socket is closed anyway: a client cannot hold the server by sending forever.
 */
export function drainRequest(
  raw: IncomingMessage,
  limits: { bytes: number; ms: number } = drainLimits,
): Promise<void> {
  if (raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limits.bytes) finish();
    };
    const timer = setTimeout(finish, limits.ms);
    raw.on('data', onData);
    raw.on('end', finish);
    raw.on('error', finish);
    raw.on('close', finish);
    raw.resume();
  });
}
