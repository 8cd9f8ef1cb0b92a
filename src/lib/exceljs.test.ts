import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import ExcelJS from './exceljs.ts';

describe('ExcelJS streaming reader (with the UTF-8 chunk fix)', () => {
  it('reads back Chinese text unchanged across zip chunk boundaries', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const ws = wb.addWorksheet('s');
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) {
      // Lengths vary so the 3-byte characters land on every offset of the decompressed chunks.
      const t = `扬州市智能化改造和数字化转型${'专项资金'.repeat(i % 7)}${i}号`;
      texts.push(t);
      ws.addRow([t]).commit();
    }
    ws.commit();
    await wb.commit();

    const read: string[] = [];
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.concat(chunks)), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) for await (const row of sheet) read.push(String((row.values as unknown[])[1]));
    expect(read).toEqual(texts);
  });
});
