import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipBomb, zipOf } from '../../../test/support/zip-bomb';
import { checkZipBounds, zipLimits } from './zip';

describe('checkZipBounds', () => {
  it('refuses a 1 MB zip that declares 1 GB of content without inflating it', async () => {
    const bomb = zipBomb(1024);
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
    expect(await checkZipBounds(bomb)).toBe('too-large');
  });

  it('refuses a zip whose headers understate what its entry inflates to', async () => {
    expect(await checkZipBounds(zipBomb(1024, { lie: true }))).toBe('too-large');
    // Just past the bound with a lying header: only counting the real output can catch it.
    const mib = zipLimits.uncompressedBytes / (1024 * 1024);
    expect(await checkZipBounds(zipBomb(mib + 1, { lie: true }))).toBe('too-large');
    expect(await checkZipBounds(zipBomb(mib - 1, { lie: true }))).toBe('ok');
  });

  it('refuses more entries than the bound, however small', async () => {
    const tiny = zlib.deflateRawSync(Buffer.from('x'));
    const entries = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `e${i}`, data: tiny, declaredSize: 1 }));
    expect(await checkZipBounds(zipOf(entries(zipLimits.entries + 1)))).toBe('too-large');
    expect(await checkZipBounds(zipOf(entries(zipLimits.entries)))).toBe('ok');
  });

  it('passes a real workbook and tells a non-zip apart', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('s').addRow(['名称', 'name']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await checkZipBounds(xlsx)).toBe('ok');
    expect(await checkZipBounds(Buffer.from('name,code\nA,1\n'))).toBe('not-a-zip');
    expect(await checkZipBounds(Buffer.alloc(4096, 7))).toBe('not-a-zip');
  });
});
