import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A readable, time-ordered identifier such as `ord_01j9…`: the prefix says what it names, the time
 * part keeps inserts index-friendly, and 80 random bits make collisions negligible.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(10);
  let random = '';
  for (const byte of bytes) random += alphabet[byte % 32];
  return `${prefix}_${time}${random}`;
}
