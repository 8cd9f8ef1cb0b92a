import ExcelJS from '../../src/lib/exceljs.ts';
import { COLUMNS } from '../../src/use-cases/enterprises/enterprise-columns.ts';

/** A workbook in the import layout: a header row then the given rows (arrays in COLUMNS order). */
export async function enterpriseWorkbook(rows: (string | number | boolean | null)[][], headers: string[] = COLUMNS.map((c) => c.header)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
