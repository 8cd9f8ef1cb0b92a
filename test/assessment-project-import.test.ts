// Bulk filing of counted projects (指标说明) with the evidence 核查内容 requires, from .xlsx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import ExcelJS from '../src/lib/exceljs.ts';
import { assessmentProjects } from '../src/db/schema/assessment.ts';
import { PROJECT_COLUMNS } from '../src/use-cases/assessment/project-columns.ts';
import { XLSX_MIME } from '../src/server/routes/enterprises.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client;
let baoying: Client;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 4 });
  admin = await login(t.app, 'admin');
  baoying = await login(t.app, 'baoying');
});
afterAll(async () => { await t?.close(); });

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目');
  ws.addRow(PROJECT_COLUMNS.map((c) => c.header));
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (c: Client, file: Buffer, dryRun = false) =>
  c.request('POST', `/api/v1/assessment/projects/import?dryRun=${dryRun}`, file, { 'content-type': XLSX_MIME });
const projects2023 = async () => Number((await t.database.db.select({ n: count() }).from(assessmentProjects).where(eq(assessmentProjects.year, 2023)))[0]!.n);

const GOOD = [
  ['宝应县', '智能化改造', '数控产线改造', '扬州宏达机械有限公司', '2023-05-10', '县级', '奖补资金凭证|宝应县智能化改造奖补拨付凭证|宝财〔2023〕8号'],
  ['宝应县', '上云用数', 'ERP上云', '扬州瑞泰食品有限公司', '2023-06-01', '', '星级上云认定文件|江苏省三星级上云企业认定'],
  ['yz-baoying', 'portrait', '工厂数字化诊断', '扬州恒鑫化工有限公司', '2023-07-15', '', '合作协议|诊断合作协议;采购合同|诊断服务采购合同;诊断报告|工厂诊断报告'],
];

describe('附件2 指标说明 / 核查内容: filing projects from a spreadsheet', () => {
  it('2023 needs targets first: the error names the row and column, nothing is written', async () => {
    const res = await upload(baoying, await workbook(GOOD));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ row: 2, column: '计入日期' });
    expect(await projects2023()).toBe(0);
  });

  it('refuses a file with missing evidence, a missing subsidy level and another region, listing every error and writing nothing', async () => {
    const table = { regions: ['yz-baoying', 'yz-gaoyou'].map((regionId) => ({ regionId, retrofit: 5, cloud: 5, portrait: 5, benchmark: 5, coveragePercent: 40 })) };
    expect((await admin.request('PUT', '/api/v1/assessment/2023/targets', table)).statusCode).toBe(200);
    const bad = [
      GOOD[0]!,
      ['宝应县', '数字画像', '车间诊断', '扬州某公司', '2023-08-01', '', '合作协议|诊断合作协议'],
      ['宝应县', '智能化改造', '仓储改造', '扬州某公司', '2023-08-02', '', '奖补资金凭证|凭证'],
      ['高邮市', '上云用数', '设备上云', '高邮某公司', '2023-08-03', '', '星级上云认定文件|认定'],
    ];
    const res = await upload(baoying, await workbook(bad));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '佐证材料(类别|名称|文号,多项以;分隔)'], [4, '奖补资金级别'], [5, '所属地区'],
    ]);
    expect(res.json().errors[0].message).toContain('采购合同');
    expect(await projects2023()).toBe(0);
  });

  it('a dry run counts without writing; the real import writes every row in one go', async () => {
    const file = await workbook(GOOD);
    expect((await upload(baoying, file, true)).json()).toMatchObject({ dryRun: true, committed: false, created: 3, errors: [] });
    expect(await projects2023()).toBe(0);
    expect((await upload(baoying, file)).json()).toMatchObject({ committed: true, created: 3, errors: [] });
    expect(await projects2023()).toBe(3);
    const listed = (await baoying.request('GET', '/api/v1/assessment/2023/projects')).json();
    expect(JSON.stringify(listed)).toContain('数控产线改造');
  });

  it('refuses a file that is not a workbook', async () => {
    const res = await upload(baoying, Buffer.from('not a workbook'));
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('file');
  });
});
