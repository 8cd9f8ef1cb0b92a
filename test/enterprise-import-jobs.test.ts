// Enterprise imports as jobs (issue 11 item 4): the workbook is queued with its job, the instance's
// worker runs it, the officer follows progress and reads the same report the synchronous import
// gives. A run that stops or loses its claim commits nothing, and the job runs again from the start
// on the stored file. (test/postgres/import-job-races.test.ts runs the same with concurrent workers.)
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJob, insertJobWithInput } from '../src/db/repositories/jobs-repository.ts';
import { auditLog, auditPending } from '../src/db/schema/audit.ts';
import { enterprises } from '../src/db/schema/enterprises.ts';
import { jobInputs, jobs } from '../src/db/schema/jobs.ts';
import { demoEnterprise } from '../src/db/seed/demo-enterprises.ts';
import { DEFAULT_IMPORT_LIMITS } from '../src/io/upload-limits.ts';
import { XLSX_MIME } from '../src/server/routes/enterprises.ts';
import { enterpriseToRow } from '../src/use-cases/enterprises/enterprise-columns.ts';
import { ENTERPRISE_IMPORT_KIND, type ImportJobParams } from '../src/use-cases/enterprises/import-job-params.ts';
import { runImportJob } from '../src/use-cases/enterprises/run-import-job.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';
import { enterpriseWorkbook } from './helpers/xlsx.ts';

let t: TestApp;
let admin: Client;
let baoying: Client;
let kunshan: Client;
let provider: Client;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 0 });
  [admin, baoying, provider] = await Promise.all([login(t.app, 'admin'), login(t.app, 'baoying'), login(t.app, 'provider')]);
  kunshan = await login(t.app, 'kunshan');
});
afterAll(async () => { await t?.close(); });

const rows = (from: number, n: number, region?: string) => Array.from({ length: n }, (_, i) => {
  const row = enterpriseToRow(demoEnterprise(from + i));
  if (region) row[2] = region;
  return row;
});
const enterpriseCount = async () => Number((await t.database.db.select({ n: count() }).from(enterprises))[0]!.n);
const auditCount = async () => Number((await t.database.db.select({ n: count() }).from(auditLog))[0]!.n);
const queue = (c: Client, file: Buffer, query = '') =>
  c.request('POST', `/api/v1/enterprises/import-jobs${query}`, file, { 'content-type': XLSX_MIME });
type JobView = { id: string; status: string; progress: { done: number; total: number }; report?: Record<string, unknown> | null; error: { code: string; field?: string } | null };
async function finished(c: Client, id: string): Promise<JobView> {
  await expect.poll(async () => (await c.request('GET', `/api/v1/enterprises/import-jobs/${id}?report=false`)).json().status, { timeout: 30_000 })
    .toMatch(/^(done|failed)$/);
  return (await c.request('GET', `/api/v1/enterprises/import-jobs/${id}`)).json() as JobView;
}

describe('an import queued as a job', () => {
  it('is accepted at once (202), runs in the background and reports as the synchronous import does; the file is then removed', async () => {
    const before = await auditCount();
    const res = await queue(baoying, await enterpriseWorkbook(rows(100, 40, '宝应县')), '?fileName=宝应企业.xlsx');
    expect(res.statusCode).toBe(202);
    const queued = res.json() as JobView & { dryRun: boolean; fileName: string; regionId: string };
    expect(queued).toMatchObject({ status: 'queued', dryRun: false, fileName: '宝应企业.xlsx', regionId: 'yz-baoying' });
    const job = await finished(baoying, queued.id);
    expect(job).toMatchObject({ status: 'done', progress: { done: 1000, total: 1000 }, error: null });
    expect(job.report).toMatchObject({ committed: true, dryRun: false, rows: 40, created: 40, updated: 0, errors: [] });
    expect(await enterpriseCount()).toBe(40);
    // One audit entry per new file, linked onto the chain (nothing left pending).
    await expect.poll(async () => (await auditCount()) - before).toBe(40);
    expect(Number((await t.database.db.select({ n: count() }).from(auditPending))[0]!.n)).toBe(0);
    expect(await t.database.db.select().from(jobInputs).where(eq(jobInputs.jobId, queued.id))).toEqual([]);
  });

  it('a check (dryRun) runs the same way and writes nothing', async () => {
    const res = await queue(baoying, await enterpriseWorkbook(rows(200, 10, '宝应县')), '?dryRun=true');
    const job = await finished(baoying, res.json().id);
    expect(job.report).toMatchObject({ dryRun: true, committed: false, created: 10 });
    expect(await enterpriseCount()).toBe(40);
  });

  it('a file with a wrong row: the job is done, its report lists the row, and nothing is written', async () => {
    const bad = rows(300, 5, '宝应县');
    bad[2]![0] = '91350100M000100Y44';
    const job = await finished(baoying, (await queue(baoying, await enterpriseWorkbook(bad))).json().id);
    expect(job.status).toBe('done');
    expect(job.report).toMatchObject({ committed: false, errorsTotal: 1, errors: [{ row: 4, column: '统一社会信用代码' }] });
    expect(await enterpriseCount()).toBe(40);
  });

  it('a region officer\'s rows outside their region are refused by the import, as when waiting for it', async () => {
    const job = await finished(baoying, (await queue(baoying, await enterpriseWorkbook(rows(400, 2, '高邮市')))).json().id);
    expect(job.report).toMatchObject({ committed: false, errors: [{ row: 2, column: '所属地区' }, { row: 3, column: '所属地区' }] });
  });

  it('something that is not a workbook is refused before it is queued, naming the file; an unreadable workbook fails its job', async () => {
    const jobsBefore = Number((await t.database.db.select({ n: count() }).from(jobs))[0]!.n);
    const notXlsx = await queue(baoying, Buffer.from('统一社会信用代码,企业名称\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json()).toMatchObject({ code: 'INVALID', field: 'file' });
    const wrongType = await baoying.request('POST', '/api/v1/enterprises/import-jobs', 'x', { 'content-type': 'text/csv' });
    expect(wrongType.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrongType.statusCode).toBeLessThan(500);
    expect(Number((await t.database.db.select({ n: count() }).from(jobs))[0]!.n)).toBe(jobsBefore);
    const good = await enterpriseWorkbook(rows(500, 1, '宝应县'));
    const broken = await queue(baoying, good.subarray(0, Math.floor(good.length / 2)));
    expect(broken.statusCode).toBe(202);
    const job = await finished(baoying, broken.json().id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'INVALID', field: 'file' } });
    expect(await t.database.db.select().from(jobInputs).where(eq(jobInputs.jobId, job.id))).toEqual([]);
  });

  it('only its officer, the city, and officers of its region see a job; a provider may not import', async () => {
    const list = (await baoying.request('GET', '/api/v1/enterprises/import-jobs')).json() as (JobView & { summary: Record<string, unknown> | null })[];
    // Newest first: the failed file (no report), the two refused, the check, the import.
    expect(list.map((j) => j.status)).toEqual(['failed', 'done', 'done', 'done', 'done']);
    expect(list.map((j) => j.summary?.created ?? null)).toEqual([null, 0, 0, 10, 40]);
    const mine = list[4]!;
    expect(mine.summary).toEqual({ dryRun: false, committed: true, rows: 40, created: 40, updated: 0, unchanged: 0, errorsTotal: 0, changesTotal: 0 });
    expect(mine.report).toBeUndefined();
    expect((await admin.request('GET', `/api/v1/enterprises/import-jobs/${mine.id}`)).statusCode).toBe(200);
    const other = await kunshan.request('GET', `/api/v1/enterprises/import-jobs/${mine.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect((await kunshan.request('GET', '/api/v1/enterprises/import-jobs')).json()).toEqual([]);
    expect((await baoying.request('GET', '/api/v1/enterprises/import-jobs/not-a-uuid')).statusCode).toBe(404);
    expect((await provider.request('POST', '/api/v1/enterprises/import-jobs', Buffer.alloc(10), { 'content-type': XLSX_MIME })).statusCode).toBe(403);
    expect((await provider.request('GET', `/api/v1/enterprises/import-jobs/${mine.id}`)).statusCode).toBe(403);
  });
});

describe('an import job that stops or loses its claim', () => {
  const params = (dryRun = false): ImportJobParams => ({
    dryRun, fileName: null, bytes: 0, limits: DEFAULT_IMPORT_LIMITS,
    actor: { userId: null, name: 'cli', displayName: '命令行', role: 'city_admin', regionId: null, enterpriseId: null, ip: null },
  });
  // Queued straight into the table, without a server route: the app's own worker would claim it.
  const queueDirect = async (file: Buffer) => insertJobWithInput(t.database.db, {
    kind: 'enterprise-import-test', params: params(), regionId: null, createdBy: null, createdByName: '测试',
  }, file);
  // Claimed in one statement (as claimJob does, attempt + 1), so the app's own worker cannot take
  // the job between two statements.
  const claim = async (id: string) => {
    await t.database.db.update(jobs).set({
      kind: ENTERPRISE_IMPORT_KIND, status: 'running', attempt: sql`${jobs.attempt} + 1`, claimedBy: 'test', heartbeatAt: sql`now()`, startedAt: sql`now()`,
    }).where(eq(jobs.id, id));
    return (await findJob(t.database.db, id))!;
  };

  it('stopped mid-run (the instance shutting down): nothing committed, the file kept; the next claim imports it once', async () => {
    const before = await enterpriseCount();
    const job = await queueDirect(await enterpriseWorkbook(rows(1000, 1200)));
    const first = await claim(job.id);
    expect(await runImportJob(t.database.db, first, { stopped: () => true })).toBe('stopped');
    expect(await enterpriseCount()).toBe(before);
    expect((await findJob(t.database.db, job.id))!.status).toBe('running');
    expect(await t.database.db.select({ id: jobInputs.jobId }).from(jobInputs).where(eq(jobInputs.jobId, job.id))).toHaveLength(1);
    // Once its lease has run out another worker claims it and runs it from the start.
    const again = await claim(job.id);
    expect(again.attempt).toBe(2);
    expect(await runImportJob(t.database.db, again)).toBe('done');
    expect(await enterpriseCount()).toBe(before + 1200);
    expect((await findJob(t.database.db, job.id))!.result).toMatchObject({ committed: true, created: 1200 });
  });

  it('claimed by another worker before it began: it stops at its first heartbeat, writes nothing, and the job stays the new claim\'s', async () => {
    const before = await enterpriseCount();
    const job = await queueDirect(await enterpriseWorkbook(rows(5000, 500)));
    const first = await claim(job.id);
    // The new claim is taken (attempt 2) before the first run starts. (Taken while it writes, the
    // run's "done" in its own transaction refuses the commit: test/postgres/import-job-races.test.ts.)
    await t.database.db.update(jobs).set({ attempt: sql`${jobs.attempt} + 1` }).where(eq(jobs.id, job.id));
    expect(await runImportJob(t.database.db, first)).toBe('lost');
    expect(await enterpriseCount()).toBe(before);
    const row = (await findJob(t.database.db, job.id))!;
    expect(row).toMatchObject({ status: 'running', attempt: 2, result: null });
  });
});
