// The upload workbook reader gives what a person sees in each cell, for workbooks written by Excel
// (shared strings, rich text with phonetic guides, dates by their format) and by programs (inline
// strings, formulas with or without their result), and reads them the same however they are zipped.
import { describe, expect, it } from 'vitest';
import { IdSet } from '../src/domain/policy/id-set.ts';
import { CsvParser } from '../src/domain/policy/csv.ts';
import { DEFAULT_IMPORT_LIMITS } from '../src/io/upload-limits.ts';
import { columnName, NO_CACHED_VALUE, openXlsx } from '../src/io/xlsx-reader.ts';
import ExcelJS from '../src/lib/exceljs.ts';
import { SHEET_HEAD, SHEET_TAIL, workbookParts, zipFile } from './helpers/xlsx-bombs.ts';

async function read(file: Buffer, options: { dates?: boolean; sheet?: string } = {}) {
  const sheet = await openXlsx(file, { limits: DEFAULT_IMPORT_LIMITS, ...options });
  const rows: { number: number; cells: unknown[] }[] = [];
  for await (const r of sheet.rows()) rows.push(r);
  return { name: sheet.name, rows };
}

describe('xlsx reader', () => {
  it('reads what Excel writes: shared and rich text without phonetic guides, numbers, booleans, dates by format, errors as empty', async () => {
    const shared = '<sst><si><t>统一社会信用代码</t></si><si><r><t>扬州</t></r><r><rPr><b/></rPr><t xml:space="preserve">宏达 </t></r><rPh sb="0" eb="2"><t>ヤンジョウ</t></rPh></si></sst>';
    const styles = '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs></styleSheet>';
    const sheet = `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>` +
      '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>12.5</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" s="1"><v>45056</v></c>' +
      `<c r="E3" s="2"><v>45057</v></c><c r="F3" s="3"><v>0.25</v></c><c r="G3" t="e"><v>#N/A</v></c><c r="H3" t="str"><f>A1</f><v>公式结果</v></c><c r="J3"><f>1+1</f></c></row>${SHEET_TAIL}`;
    const parts = workbookParts(sheet, { shared });
    parts.push({ name: 'xl/styles.xml', content: styles });
    parts[3] = { name: 'xl/_rels/workbook.xml.rels', content: (parts[3]!.content as string).replace('</Relationships>', '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>') };
    const file = zipFile(parts);
    const withDates = await read(file, { dates: true });
    expect(withDates.name).toBe('企业');
    expect(withDates.rows).toEqual([
      { number: 1, cells: ['统一社会信用代码'] },
      { number: 3, cells: ['扬州宏达 ', 12.5, true, '2023-05-10', '2023-05-11', 0.25, null, '公式结果', null, NO_CACHED_VALUE] },
    ]);
    // Without `dates`, a date stays the serial number Excel stores (as batch matching always read it).
    expect((await read(file)).rows[1]!.cells[3]).toBe(45056);
  });

  it('reads what ExcelJS writes, buffered and streamed, the same', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['id', '名称', '数']);
    ws.addRow(['A', '独立法人', 3]);
    const buffered = await read(Buffer.from(await wb.xlsx.writeBuffer()));
    const chunks: Buffer[] = [];
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const w = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const s = w.addWorksheet('名单');
    s.addRow(['id', '名称', '数']).commit();
    s.addRow(['A', '独立法人', 3]).commit();
    s.commit();
    await w.commit();
    expect(await read(Buffer.concat(chunks))).toEqual(buffered);
    expect(buffered.rows.map((r) => r.cells)).toEqual([['id', '名称', '数'], ['A', '独立法人', 3]]);
  });

  it('finds a sheet by name, else the first', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['见下一张']);
    wb.addWorksheet('目标').addRow(['县(市、区)']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await read(file, { sheet: '目标' })).rows[0]!.cells).toEqual(['县(市、区)']);
    expect((await read(file, { sheet: '没有' })).rows[0]!.cells).toEqual(['见下一张']);
  });

  it('names columns as Excel does', () => {
    expect([1, 26, 27, 52, 200, 201, 16384].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'GR', 'GS', 'XFD']);
  });
});

describe('bounded helpers of batch matching', () => {
  it('IdSet finds a repeated id among a million and none among distinct ones', () => {
    const seen = new IdSet();
    // Counted, then asserted once: a million expect() calls take tens of seconds on a busy machine.
    let refused = 0;
    for (let i = 0; i < 1_000_000; i++) if (!seen.add(`91321000MA${String(i).padStart(8, '0')}`)) refused++;
    expect(refused).toBe(0);
    expect(seen.add('91321000MA00000007')).toBe(false);
    expect(seen.add('')).toBe(true);
    expect(seen.add('')).toBe(false);
  });

  it('CsvParser refuses a field or a line over its bound as it reads, and names an unclosed quote', () => {
    const errors: string[] = [];
    const limits = { cellChars: 5, columns: 3, tooLarge: (limit: string, where: string) => new Error(`${limit} ${where}`) };
    for (const text of ['a,b\n1,123456\n', 'a,b\n1,2,3,4\n', 'a\n"12345678\n']) {
      const p = new CsvParser(limits);
      try {
        p.push(text);
        p.end();
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    expect(errors[0]).toBe('cellChars CSV 第2行第2列');
    expect(errors[1]).toBe('columns CSV 第2行');
    expect(errors[2]).toContain('CSV 第2行第1列:引号未闭合');
  });
});
