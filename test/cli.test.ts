import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { enterprises } from '../src/db/schema/enterprises.ts';
import { demoEnterprise } from '../src/db/seed/demo-enterprises.ts';
import ExcelJS from '../src/lib/exceljs.ts';
import { drainJobs } from '../src/use-cases/jobs/work-jobs.ts';
import { enterpriseToRow } from '../src/use-cases/enterprises/enterprise-columns.ts';
import { scratchCli, type Scratch } from './helpers/cli.ts';
import { enterpriseWorkbook } from './helpers/xlsx.ts';

let cli: Scratch;
beforeAll(async () => { cli = await scratchCli(); });
afterAll(async () => { await cli?.close(); });

// Every call starts a real process (the sources' bundle loads, PGlite opens its directory): seconds each.
describe('zgsz command line', { timeout: 180_000 }, () => {
  it('user create refuses an unknown role, naming the field, and creates nothing', async () => {
    const bad = await cli.run(['user', 'create', 'wang', '--role', 'mayor'], { env: { ZGSZ_PASSWORD: 'Abcdefgh1234!' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('role');
    const weak = await cli.run(['user', 'create', 'wang', '--role', 'finance'], { input: 'short\n' });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('字段 password');
    // The command as installed, through tsx (the other runs use the test run's bundle of the same sources).
    const list = await cli.run(['user', 'list', '--json'], { env: { ZGSZ_CLI_BUNDLE: '' } });
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('user create with the password on stdin, then list, disable', async () => {
    const ok = await cli.run(['user', 'create', 'li.officer', '--role', 'region_officer', '--region', 'yz-gaoyou', '--name', '李经办'], { input: 'Gaoyou#2026abc\n' });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    await cli.run(['user', 'disable', 'li.officer']);
    const users = JSON.parse((await cli.run(['user', 'list', '--json'])).stdout) as { username: string; regionId: string; disabled: boolean }[];
    expect(users).toEqual([expect.objectContaining({ username: 'li.officer', regionId: 'yz-gaoyou', disabled: true })]);
  });

  it('enterprises import: a bad file exits 2 listing every bad row; --dry-run writes nothing; a good file imports; export; audit verify', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => enterpriseToRow(demoEnterprise(700 + i)));
    const badRows = rows.map((r) => [...r]);
    badRows[2]![0] = '91350100M000100Y4O';
    badRows[4]![3] = 'Z99';
    const bad = join(cli.dir, 'bad.xlsx');
    const good = join(cli.dir, 'good.xlsx');
    writeFileSync(bad, await enterpriseWorkbook(badRows));
    writeFileSync(good, await enterpriseWorkbook(rows));

    const r1 = await cli.run(['enterprises', 'import', bad]);
    expect(r1.code).toBe(2);
    expect(r1.stdout).toContain('第4行 [统一社会信用代码]');
    expect(r1.stdout).toContain('第6行 [行业代码(GB/T 4754)]');
    expect(r1.stdout).toContain('未写入任何数据');

    const dry = await cli.run(['enterprises', 'import', good, '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, committed: false, created: 6 });

    const r2 = await cli.run(['enterprises', 'import', good, '--json']);
    expect(JSON.parse(r2.stdout)).toMatchObject({ committed: true, created: 6, errors: [] });

    const out = join(cli.dir, 'export.xlsx');
    const r3 = await cli.run(['enterprises', 'export', out]);
    expect(r3.stdout).toContain('已导出 6 家企业');

    const r4 = await cli.run(['audit', 'verify', '--json']);
    expect(JSON.parse(r4.stdout)).toMatchObject({ ok: true, problems: [] });
  });

  it('enterprises import --queue leaves the file to the servers as a job; import-status shows it; an unknown job is refused', async () => {
    const file = join(cli.dir, 'queued.xlsx');
    writeFileSync(file, await enterpriseWorkbook(Array.from({ length: 3 }, (_, i) => enterpriseToRow(demoEnterprise(760 + i)))));
    const queued = await cli.run(['enterprises', 'import', file, '--queue', '--json']);
    expect(queued.code).toBe(0);
    const job = JSON.parse(queued.stdout) as { id: string; status: string; fileName: string; dryRun: boolean };
    expect(job).toMatchObject({ status: 'queued', fileName: 'queued.xlsx', dryRun: false });
    const status = await cli.run(['enterprises', 'import-status', job.id]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`导入任务 ${job.id}  queued.xlsx  排队中`);
    const unknown = await cli.run(['enterprises', 'import-status', '00000000-0000-4000-8000-000000000000']);
    // Not found is 1 (2 is kept for a wrong command line or file).
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('该导入任务不存在');
  });

  it('enterprises export --queue leaves the workbook to the servers; export-status follows it and --out writes it once done', async () => {
    const queued = await cli.run(['enterprises', 'export', '--queue', '--region', 'yz-gaoyou', '--json']);
    expect(queued.code).toBe(0);
    const job = JSON.parse(queued.stdout) as { id: string; status: string; filter: Record<string, unknown> };
    expect(job).toMatchObject({ status: 'queued', filter: { regionId: 'yz-gaoyou' } });
    const early = await cli.run(['enterprises', 'export-status', job.id, '--out', join(cli.dir, 'early.xlsx')]);
    expect(early.stdout).toContain(`导出任务 ${job.id}  排队中`);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('字段 status');
    expect(existsSync(join(cli.dir, 'early.xlsx'))).toBe(false);
    // A server instance's worker runs it (here the test's own, on the same database).
    const db = await openDatabase(cli.env.DATABASE_URL ? { url: cli.env.DATABASE_URL } : { dataDir: cli.env.ZGSZ_DATA_DIR! });
    let gaoyou: number;
    try {
      // (With the import the test above queued, which was queued first.)
      expect(await drainJobs(db.db, 'cli-test')).toBeGreaterThanOrEqual(1);
      gaoyou = Number((await db.db.select({ n: count() }).from(enterprises).where(eq(enterprises.regionId, 'yz-gaoyou')))[0]!.n);
    } finally { await db.close(); }
    expect(gaoyou).toBeGreaterThan(0);
    const out = join(cli.dir, 'queued-export.xlsx');
    const done = await cli.run(['enterprises', 'export-status', job.id, '--out', out]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('已完成');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const regions: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => { if (n > 1) regions.push(String(row.getCell(3).value)); });
    expect(regions).toEqual(Array(gaoyou).fill('高邮市'));
    const noFile = await cli.run(['enterprises', 'export']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('字段 file');
  });

  it('calc --batch --queue leaves a list to the servers as a job; calc-status shows the report once run (扬府发〔2022〕20号 totals of policies-api.test.ts)', async () => {
    const list = join(cli.dir, 'list.csv');
    writeFileSync(list, 'id,region,applicant_type,diagnosis_factory,projects.annual_investment\nA,yz-baoying,enterprise,,5000万元\nB,yz-baoying,企业,是,3000万元\nC,yz-gaoyou,enterprise,,\n');
    const queued = await cli.run(['calc', '--policy', 'yangzhou-2022-20', '--batch', list, '--at', '2023-06-01', '--queue', '--json']);
    expect(queued.code).toBe(0);
    const job = JSON.parse(queued.stdout) as { id: string; status: string; fileName: string; date: string };
    expect(job).toMatchObject({ status: 'queued', fileName: 'list.csv', date: '2023-06-01' });
    const db = await openDatabase(cli.env.DATABASE_URL ? { url: cli.env.DATABASE_URL } : { dataDir: cli.env.ZGSZ_DATA_DIR! });
    try {
      expect(await drainJobs(db.db, 'cli-test', { id: job.id })).toBe(1);
    } finally { await db.close(); }
    const done = await cli.run(['calc-status', job.id, '--json']);
    expect(done.code).toBe(0);
    const view = JSON.parse(done.stdout) as { status: string; result: { report: { enterprises: number; entitled: number; total: { min: number; max: number } } } };
    expect(view.status).toBe('done');
    expect(view.result.report).toMatchObject({ enterprises: 3, entitled: 2, total: { min: 20_000_000, max: 1_010_000_000 } });
    const json = join(cli.dir, 'list.json');
    writeFileSync(json, '[]');
    const refused = await cli.run(['calc', '--policy', 'yangzhou-2022-20', '--batch', json, '--queue']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('字段 batch');
  });

  it('db backup and restore round-trip through the CLI; a missing file is refused', async () => {
    const file = join(cli.dir, 'backup.zgszbak');
    const env = { ZGSZ_BACKUP_KEY: randomBytes(32).toString('hex') };
    expect((await cli.run(['db', 'backup', file], { env })).code).toBe(0);
    await cli.run(['user', 'enable', 'li.officer']);
    const restored = await cli.run(['db', 'restore', file], { env });
    expect(restored.code).toBe(0);
    const users = JSON.parse((await cli.run(['user', 'list', '--json'])).stdout) as { disabled: boolean }[];
    expect(users[0]!.disabled).toBe(true);
    const missing = await cli.run(['db', 'restore', join(cli.dir, 'nope.gz')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('不存在');
    const noFile = await cli.run(['db', 'restore']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('缺少必填参数 <file>');
  });
});
