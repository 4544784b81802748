import { randomFillSync } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

// Random bytes drawn 4 KiB at a time: one call into the system's generator per ~400 ids instead
// of one per id (ordering day makes two ids per order).
const pool = Buffer.alloc(4096);
let offset = pool.length;

function randomChunk(n: number): Buffer {
  if (offset + n > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const chunk = pool.subarray(offset, offset + n);
  offset += n;
  return chunk;
}

/**
 * A readable, time-ordered identifier such as `ord_01j9…`: the prefix says what it names, the time
 * part keeps inserts index-friendly, and 50 random bits (ten base-32 digits) per millisecond make
 * collisions negligible.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomChunk(10);
  let random = '';
  for (const byte of bytes) random += alphabet[byte % 32];
  return `${prefix}_${time}${random}`;
}
