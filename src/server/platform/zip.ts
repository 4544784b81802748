import zlib from 'node:zlib';

/**
 * Bounds on an uploaded xlsx (a zip) checked before any workbook library sees it: the library
 * inflates every entry into memory, so a small zip of a huge run of zeros (a "zip bomb") would
 * take the server's memory and minutes of CPU. A real import sheet is far below both bounds: the
 * request body carries at most ~675 KB of zip, and sheet XML packs about ten to one.
 */
export const zipLimits = {
  entries: 1_000,
  uncompressedBytes: 64 * 1024 * 1024,
} as const;

export type ZipVerdict = 'ok' | 'not-a-zip' | 'too-large';

const eocdSignature = 0x06054b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;
const stored = 0;
const deflated = 8;

interface Entry {
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

/** The end-of-central-directory record: searched backwards past a trailing comment (≤ 64 KiB). */
function endRecord(zip: Buffer): number {
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === eocdSignature) return at;
  }
  return -1;
}

/**
 * The central directory's entries, or a verdict without them. Zip64 markers (0xFFFF entries,
 * 0xFFFFFFFF sizes) only appear past our bounds, so they count as too large.
 */
function centralDirectory(zip: Buffer, limits: typeof zipLimits): Entry[] | ZipVerdict {
  const end = endRecord(zip);
  if (end < 0) return 'not-a-zip';
  const count = zip.readUInt16LE(end + 10);
  if (count === 0xffff || count > limits.entries) return 'too-large';
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== centralSignature) return 'not-a-zip';
    const entry = {
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      declaredSize: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    };
    if (entry.declaredSize === 0xffffffff || entry.compressedSize === 0xffffffff)
      return 'too-large';
    declared += entry.declaredSize;
    if (declared > limits.uncompressedBytes) return 'too-large';
    entries.push(entry);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The bytes an entry's deflate stream really gives, stopping once past `budget` (null). */
function inflatedSize(data: Buffer, budget: number): Promise<number | null> {
  return new Promise((resolve) => {
    const inflater = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let total = 0;
    let settled = false;
    const settle = (value: number | null) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    inflater.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget) {
        settle(null);
        inflater.destroy();
      }
    });
    inflater.on('end', () => settle(total));
    // A broken stream is the workbook library's to refuse; only size is judged here.
    inflater.on('error', () => settle(total));
    inflater.end(data);
  });
}

/**
 * Whether a zip stays within the bounds: the entry count and the declared sizes from the central
 * directory first (no inflating at all), then the real output of each entry, counted and
 * discarded chunk by chunk — declared sizes can lie — so memory stays flat whatever the zip holds.
 */
export async function checkZipBounds(
  zip: Buffer,
  limits: typeof zipLimits = zipLimits,
): Promise<ZipVerdict> {
  if (zip.length < 22) return 'not-a-zip';
  const entries = centralDirectory(zip, limits);
  if (!Array.isArray(entries)) return entries;
  let budget = limits.uncompressedBytes;
  for (const entry of entries) {
    const local = entry.localOffset;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== localSignature) return 'not-a-zip';
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + entry.compressedSize);
    if (entry.method === stored) {
      budget -= data.length;
    } else if (entry.method === deflated) {
      const size = await inflatedSize(data, budget);
      if (size === null) return 'too-large';
      budget -= size;
    } else {
      return 'not-a-zip';
    }
    if (budget < 0) return 'too-large';
  }
  return 'ok';
}
