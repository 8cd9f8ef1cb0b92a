// Workbooks are parsed on worker threads (src/io/xlsx-reader.ts): at most ZGSZ_UPLOAD_PARSERS at once,
// the rest wait their turn and stop waiting when their client leaves; a read cut short never leaves
// its thread to the next upload half-way through a job.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS, UploadAborted } from '../src/io/upload-limits.ts';
import { openXlsx, parserSlots } from '../src/io/xlsx-reader.ts';
import { SHEET_HEAD, SHEET_TAIL, workbookParts, zipFile } from './helpers/xlsx-bombs.ts';

const sheetOf = (rows: number) => {
  let xml = SHEET_HEAD;
  for (let r = 1; r <= rows; r++) xml += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>企业${r}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`;
  return zipFile(workbookParts(xml + SHEET_TAIL));
};
const limits = DEFAULT_IMPORT_LIMITS;
const readAll = async (file: Buffer) => {
  const rows: unknown[][] = [];
  for await (const r of (await openXlsx(file, { limits })).rows()) rows.push(r.cells);
  return rows;
};

afterEach(() => { delete process.env.ZGSZ_UPLOAD_PARSERS; });

describe('xlsx parsing threads', () => {
  it('reads a sheet of many batches whole and in order', async () => {
    const rows = await readAll(sheetOf(5_500));
    expect(rows).toHaveLength(5_500);
    expect(rows[0]).toEqual(['企业1', 1]);
    expect(rows[4_999]).toEqual(['企业5000', 5000]);
    expect(rows.at(-1)).toEqual(['企业5500', 5500]);
  });

  it('ZGSZ_UPLOAD_PARSERS bounds the parses at once: the next waits its turn, or stops waiting when its client leaves', async () => {
    process.env.ZGSZ_UPLOAD_PARSERS = '1';
    expect(parserSlots()).toBe(1);
    const big = sheetOf(3_000);
    const first = (await openXlsx(big, { limits })).rows();
    expect((await first.next()).value?.cells).toEqual(['企业1', 1]);

    // The one slot is taken by the read in progress: an upload whose client leaves stops waiting.
    const leaving = new AbortController();
    const waiting = openXlsx(sheetOf(2), { limits, signal: leaving.signal });
    let settled = false;
    void waiting.then(() => { settled = true; }, () => { settled = true; });
    // Long enough for a thread to boot and open two rows many times over, were it not waiting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(settled).toBe(false);
    leaving.abort();
    await expect(waiting).rejects.toBeInstanceOf(UploadAborted);

    // One that stays gets the slot as soon as the first read ends (here: cut short).
    const next = readAll(sheetOf(3));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.return(undefined);
    expect(await next).toEqual([['企业1', 1], ['企业2', 2], ['企业3', 3]]);
  });

  it('a read cut short leaves no half-done job behind: the next reads start from the first row', async () => {
    process.env.ZGSZ_UPLOAD_PARSERS = '1';
    const file = sheetOf(4_000);
    const sheet = await openXlsx(file, { limits });
    for (let i = 0; i < 3; i++) {
      const rows = sheet.rows();
      expect((await rows.next()).value?.number).toBe(1);
      await rows.return(undefined);
    }
    expect(await readAll(file)).toHaveLength(4_000);
  });

  it('an upload whose client has already left is not parsed', async () => {
    const gone = new AbortController();
    gone.abort();
    await expect(openXlsx(sheetOf(2), { limits, signal: gone.signal })).rejects.toBeInstanceOf(UploadAborted);
  });
});
