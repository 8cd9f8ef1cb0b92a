import { Readable, PassThrough } from 'node:stream';
import ExcelJS from '../src/lib/exceljs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { auditLog } from '../src/db/schema/audit.ts';
import { enterprises } from '../src/db/schema/enterprises.ts';
import { demoEnterprise } from '../src/db/seed/demo-enterprises.ts';
import { cliActor } from '../src/cli/cli-actor.ts';
import { enterpriseToRow } from '../src/use-cases/enterprises/enterprise-columns.ts';
import { exportEnterprises } from '../src/use-cases/enterprises/export-enterprises.ts';
import { importEnterprises } from '../src/use-cases/enterprises/import-enterprises.ts';
import { startTestApp, type TestApp } from './helpers/app.ts';
import { enterpriseWorkbook } from './helpers/xlsx.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ enterprises: 0 }); });
afterAll(async () => { await t?.close(); });

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => {
  const e = demoEnterprise(from + i);
  return enterpriseToRow(e);
});
const total = async () => Number((await t.database.db.select({ n: count() }).from(enterprises))[0]!.n);
const run = async (buf: Buffer, dryRun = false) => importEnterprises(t.database.db, cliActor(), Readable.from(buf), { dryRun, batchSize: 7 });

describe('enterprise Excel import', () => {
  it('a file with bad rows imports nothing and reports every error with row, column and a Chinese message', async () => {
    const good = rows(100, 20);
    const bad = [...good];
    bad[3] = [...good[3]!]; bad[3]![0] = '91350100M000100Y44';          // row 5: check character
    bad[12] = [...good[12]!]; bad[12]![2] = '火星区';                    // row 14: unknown region
    bad[15] = [...good[15]!]; bad[15]![4] = '也许';                      // row 17: 规上 not yes/no
    bad[18] = [...good[18]!]; bad[18]![0] = good[2]![0]!;                // row 20: duplicate USCC of row 4
    const report = await run(await enterpriseWorkbook(bad));
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [5, '统一社会信用代码'], [14, '所属地区'], [17, '是否规上'], [20, '统一社会信用代码'],
    ]);
    expect(report.errors[0]!.message).toContain('第18位');
    expect(report.errors[3]!.message).toContain('第4行重复');
    expect(await total()).toBe(0);
  });

  it('imports a good file, and re-importing it creates no duplicates and changes nothing', async () => {
    const file = await enterpriseWorkbook(rows(200, 25));
    const first = await run(file);
    expect(first).toMatchObject({ committed: true, rows: 25, created: 25, updated: 0, errors: [] });
    const auditAfterFirst = Number((await t.database.db.select({ n: count() }).from(auditLog))[0]!.n);
    const again = await run(file);
    expect(again).toMatchObject({ committed: true, rows: 25, created: 0, updated: 0, unchanged: 25 });
    expect(await total()).toBe(25);
    expect(Number((await t.database.db.select({ n: count() }).from(auditLog))[0]!.n)).toBe(auditAfterFirst);
  });

  it('upserts on USCC: a changed row updates the existing file', async () => {
    const changed = rows(200, 3);
    changed[1]![1] = '改名后的企业有限公司';
    const report = await run(await enterpriseWorkbook(changed));
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(await total()).toBe(25);
  });

  it('--dry-run validates and counts but writes nothing', async () => {
    const report = await run(await enterpriseWorkbook(rows(300, 10)), true);
    expect(report).toMatchObject({ dryRun: true, committed: false, created: 10, errors: [] });
    expect(await total()).toBe(25);
  });

  it('names missing header columns', async () => {
    const report = await run(await enterpriseWorkbook([], ['统一社会信用代码', '企业名称']));
    expect(report.errors.map((e) => e.column)).toEqual(['所属地区', '行业代码(GB/T 4754)', '是否规上', '法人类型']);
  });

  it('refuses a file that is not an xlsx workbook', async () => {
    await expect(run(Buffer.from('uscc,name\n1,2\n'))).rejects.toMatchObject({ code: 'INVALID', field: 'file' });
  });

  it('an export imports back unchanged', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const n = await exportEnterprises(t.database.db, cliActor(), out);
    expect(n).toBe(25);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(26);
    const report = await run(Buffer.concat(chunks));
    expect(report).toMatchObject({ rows: 25, unchanged: 25, created: 0, updated: 0 });
  });
});

describe('spreadsheet wording of errors', () => {
  it('tells what to write in the cell where the sheet differs from the API (region name, 是/否, 法人类型)', async () => {
    const r = rows(900, 1);
    r[0]![2] = '火星区';
    r[0]![4] = '也许';
    r[0]![6] = '合伙企业';
    const report = await run(await enterpriseWorkbook(r));
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('宝应县'), expect.stringContaining('“是”或“否”'), expect.stringContaining('“独立法人”或“分支机构”'),
    ]);
  });
});
