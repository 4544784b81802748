import zlib from 'node:zlib';

/**
 * A raw deflate stream of `mebibytes` MiB of zeros, built without deflating them all: one MiB is
 * deflated once, ending in a full flush (byte-aligned, no back-references before it), and that
 * block is repeated, then closed by an empty final block. About 1 KB per MiB.
 */
export function zerosDeflated(mebibytes: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1024 * 1024), {
    finishFlush: zlib.constants.Z_FULL_FLUSH,
  });
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), Buffer.from([3, 0])]);
}

export interface ZipEntry {
  name: string;
  /** The entry's bytes as stored in the zip (deflated unless `method` is 0). */
  data: Buffer;
  method?: 0 | 8;
  /** The uncompressed size the headers declare (a bomb may lie). */
  declaredSize: number;
}

/** A zip archive of the given entries (no CRCs: only the size checks read it). */
export function zipOf(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method ?? 8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method ?? 8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An xlsx-named zip whose one sheet inflates to `mebibytes` MiB of zeros. */
export function zipBomb(mebibytes: number, options: { lie?: boolean } = {}): Buffer {
  const bytes = mebibytes * 1024 * 1024;
  return zipOf([
    {
      name: 'xl/worksheets/sheet1.xml',
      data: zerosDeflated(mebibytes),
      // A lying header claims a tiny sheet; past 4 GiB the true size would not fit anyway.
      declaredSize: options.lie ? 1024 : Math.min(bytes, 0xfffffffe),
    },
  ]);
}
