// Enterprise exports as jobs (issue 11 item 4): the filter is queued, the instance's worker writes
// the workbook into the database in chunks, and the officer follows progress and downloads the file
// from whichever instance answers. The download is what the audit log records. A run that stops or
// loses its claim leaves no chunk anyone reads; the next claim writes the file anew.
// (test/postgres/export-job-races.test.ts runs concurrent workers on PostgreSQL.)
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendJobOutput, findJob, insertJob, readJobOutput } from '../src/db/repositories/jobs-repository.ts';
import { auditLog, auditPending } from '../src/db/schema/audit.ts';
import { enterprises } from '../src/db/schema/enterprises.ts';
import { jobOutputs, jobs } from '../src/db/schema/jobs.ts';
import ExcelJS from '../src/lib/exceljs.ts';
import { COLUMNS } from '../src/use-cases/enterprises/enterprise-columns.ts';
import { ENTERPRISE_EXPORT_KIND, type ExportJobParams } from '../src/use-cases/enterprises/export-job-params.ts';
import { runExportJob } from '../src/use-cases/enterprises/run-export-job.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client;
let baoying: Client;
let kunshan: Client;
let provider: Client;
let qiye: Client;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 44 });
  [admin, baoying, kunshan] = await Promise.all([login(t.app, 'admin'), login(t.app, 'baoying'), login(t.app, 'kunshan')]);
  [provider, qiye] = await Promise.all([login(t.app, 'provider'), login(t.app, 'qiye')]);
});
afterAll(async () => { await t?.close(); });

type JobView = {
  id: string; status: string; progress: { done: number; total: number }; rows: number | null; bytes: number | null;
  regionId: string | null; filter: Record<string, unknown>; expiresAt: string | null; finishedAt: string | null; error: { code: string } | null;
};
const queue = (c: Client, filter: Record<string, unknown> = {}) => c.request('POST', '/api/v1/enterprises/export-jobs', filter);
async function finished(c: Client, id: string): Promise<JobView> {
  await expect.poll(async () => (await c.request('GET', `/api/v1/enterprises/export-jobs/${id}`)).json().status, { timeout: 30_000 })
    .toMatch(/^(done|failed)$/);
  return (await c.request('GET', `/api/v1/enterprises/export-jobs/${id}`)).json() as JobView;
}
/** The rows of a downloaded workbook, header first, as the cells' text. */
async function sheetRows(file: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}
const inRegion = async (regionId: string) =>
  Number((await t.database.db.select({ n: count() }).from(enterprises).where(eq(enterprises.regionId, regionId)))[0]!.n);
const exportEntries = async () => {
  const done = await t.database.db.select({ after: auditLog.after, actor: auditLog.actorName }).from(auditLog).where(and(eq(auditLog.action, 'export'), eq(auditLog.entity, 'enterprise')));
  const pending = await t.database.db.select({ after: auditPending.after, actor: auditPending.actorName }).from(auditPending).where(and(eq(auditPending.action, 'export'), eq(auditPending.entity, 'enterprise')));
  return [...done, ...pending] as { after: { rows: number; scope: Record<string, unknown> }; actor: string }[];
};

describe('an export queued as a job', () => {
  let baoyingJob: JobView;

  it('a region officer\'s export: 202 at once, then done with every file of their region and none other', async () => {
    const expected = await inRegion('yz-baoying');
    expect(expected).toBeGreaterThan(0);
    const res = await queue(baoying);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', regionId: 'yz-baoying', filter: {}, rows: null, fileName: '企业档案.xlsx' });
    baoyingJob = await finished(baoying, res.json().id);
    expect(baoyingJob).toMatchObject({ status: 'done', rows: expected, progress: { done: expected, total: expected }, error: null });
    // Kept for seven days after it was finished.
    expect(Date.parse(baoyingJob.expiresAt!) - Date.parse(baoyingJob.finishedAt!)).toBe(7 * 86_400_000);
  });

  it('the download is the workbook in the import layout, and it (not the making) is recorded in the audit log', async () => {
    const before = (await exportEntries()).length;
    const res = await baoying.request('GET', `/api/v1/enterprises/export-jobs/${baoyingJob.id}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('企业档案.xlsx'));
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.rawPayload.length).toBe(baoyingJob.bytes);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(baoyingJob.rows! + 1);
    expect(new Set(rows.slice(1).map((r) => r[2]))).toEqual(new Set(['宝应县']));
    const entries = await exportEntries();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ actor: 'baoying', after: { rows: baoyingJob.rows, scope: { job: baoyingJob.id } } });
  });

  it('a filter is applied as the list applies it (规上 in one chain, chosen by the city)', async () => {
    const res = await queue(admin, { aboveScale: true, chain: '高端装备' });
    expect(res.json()).toMatchObject({ regionId: null, filter: { aboveScale: true, chain: '高端装备' } });
    const job = await finished(admin, res.json().id);
    const expected = Number((await t.database.db.select({ n: count() }).from(enterprises)
      .where(sql`${enterprises.aboveScale} and ${enterprises.chains} @> array['高端装备']::text[]`))[0]!.n);
    expect(job.rows).toBe(expected);
    const rows = await sheetRows((await admin.request('GET', `/api/v1/enterprises/export-jobs/${job.id}/file`)).rawPayload);
    expect(rows).toHaveLength(expected + 1);
  });

  it('a wrong filter is refused naming the field, and nothing is queued', async () => {
    const before = Number((await t.database.db.select({ n: count() }).from(jobs))[0]!.n);
    for (const [body, field] of [[{ aboveScale: 'yes' }, 'aboveScale'], [{ chain: '造船' }, 'chain'], [{ q: 'x'.repeat(101) }, 'q'], [{ region: 'yz-baoying' }, 'region']] as const) {
      const res = await queue(admin, body);
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json())).toContain(field);
    }
    expect(Number((await t.database.db.select({ n: count() }).from(jobs))[0]!.n)).toBe(before);
  });

  it('only its officer, the city and officers of its region see the job and its file; a provider or an enterprise may not export', async () => {
    expect((await admin.request('GET', `/api/v1/enterprises/export-jobs/${baoyingJob.id}`)).statusCode).toBe(200);
    expect((await admin.request('GET', `/api/v1/enterprises/export-jobs/${baoyingJob.id}/file`)).statusCode).toBe(200);
    for (const path of [`/api/v1/enterprises/export-jobs/${baoyingJob.id}`, `/api/v1/enterprises/export-jobs/${baoyingJob.id}/file`]) {
      const other = await kunshan.request('GET', path);
      expect(other.statusCode).toBe(404);
      expect(other.json()).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    }
    expect((await kunshan.request('GET', '/api/v1/enterprises/export-jobs')).json()).toEqual([]);
    const mine = (await baoying.request('GET', '/api/v1/enterprises/export-jobs')).json() as JobView[];
    expect(mine.map((j) => j.id)).toEqual([baoyingJob.id]);
    expect(mine[0]).toMatchObject({ status: 'done', rows: baoyingJob.rows, bytes: baoyingJob.bytes });
    expect((await baoying.request('GET', '/api/v1/enterprises/export-jobs/not-a-uuid')).statusCode).toBe(404);
    expect((await provider.request('POST', '/api/v1/enterprises/export-jobs', {})).statusCode).toBe(403);
    expect((await qiye.request('POST', '/api/v1/enterprises/export-jobs', {})).statusCode).toBe(403);
    expect((await qiye.request('GET', `/api/v1/enterprises/export-jobs/${baoyingJob.id}/file`)).statusCode).toBe(403);
  });
});

describe('an export job that has no file to give', () => {
  const params: ExportJobParams = { filter: {}, actor: { userId: null, name: 'cli', displayName: '命令行', role: 'city_admin', regionId: null, enterpriseId: null, ip: null } };
  const direct = async (status: 'running' | 'failed') => {
    const row = await insertJob(t.database.db, { kind: ENTERPRISE_EXPORT_KIND, params, regionId: null, createdBy: null, createdByName: '测试' });
    // Running with a fresh heartbeat (no worker claims it) or failed: neither has a file.
    await t.database.db.update(jobs).set({ status, attempt: 1, heartbeatAt: sql`now()` }).where(eq(jobs.id, row.id));
    return row.id;
  };

  it('not finished, or failed: 409 naming the status', async () => {
    for (const status of ['running', 'failed'] as const) {
      const res = await admin.request('GET', `/api/v1/enterprises/export-jobs/${await direct(status)}/file`);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'CONFLICT', field: 'status' });
    }
  });

  it('finished more than seven days ago: its file is dropped when another export finishes, and the download says so (404)', async () => {
    const old = (await finished(admin, (await queue(admin, { regionId: 'yz-baoying' })).json().id));
    await t.database.db.update(jobs).set({ finishedAt: sql`now() - interval '8 days'` }).where(eq(jobs.id, old.id));
    const fresh = await finished(admin, (await queue(admin, { regionId: 'sz-kunshan' })).json().id);
    expect(fresh.status).toBe('done');
    const res = await admin.request('GET', `/api/v1/enterprises/export-jobs/${old.id}/file`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('过期');
    // The job and its counts stay.
    expect((await admin.request('GET', `/api/v1/enterprises/export-jobs/${old.id}`)).json()).toMatchObject({ status: 'done', rows: old.rows });
    expect((await admin.request('GET', `/api/v1/enterprises/export-jobs/${fresh.id}/file`)).statusCode).toBe(200);
  });
});

describe('an export job that stops or loses its claim', () => {
  const params: ExportJobParams = { filter: {}, actor: { userId: null, name: 'cli', displayName: '命令行', role: 'city_admin', regionId: null, enterpriseId: null, ip: null } };
  // Queued under another kind (the app's worker leaves it), then claimed in one statement as claimJob does.
  const queueDirect = () => insertJob(t.database.db, { kind: 'enterprise-export-test', params, regionId: null, createdBy: null, createdByName: '测试' });
  const claim = async (id: string) => {
    await t.database.db.update(jobs).set({
      kind: ENTERPRISE_EXPORT_KIND, status: 'running', attempt: sql`${jobs.attempt} + 1`, claimedBy: 'test', heartbeatAt: sql`now()`, startedAt: sql`now()`,
    }).where(eq(jobs.id, id));
    return (await findJob(t.database.db, id))!;
  };
  const chunksOf = async (id: string) => t.database.db.select({ attempt: jobOutputs.attempt, seq: jobOutputs.seq }).from(jobOutputs).where(eq(jobOutputs.jobId, id)).orderBy(jobOutputs.attempt, jobOutputs.seq);
  const all = async () => Number((await t.database.db.select({ n: count() }).from(enterprises))[0]!.n);

  it('stopped after its first page: its chunks are removed (nobody will read them), the job stays running for the next claim', async () => {
    const job = await queueDirect();
    const first = await claim(job.id);
    // A chunk this attempt had stored (numbered past what the run writes, so the two do not meet).
    await appendJobOutput(t.database.db, job.id, first.attempt, 999, Buffer.from('PK partial'));
    let pages = 0;
    expect(await runExportJob(t.database.db, first, { pageSize: 10, chunkBytes: 2048, stopped: () => pages++ > 0 })).toBe('stopped');
    expect(pages).toBe(2);
    expect(await chunksOf(job.id)).toEqual([]);
    expect((await findJob(t.database.db, job.id))!.status).toBe('running');
  });

  it('an instance killed mid-run leaves its chunks; the next claim writes the whole file, in several chunks, and drops them', async () => {
    const job = await queueDirect();
    const first = await claim(job.id);
    for (const seq of [0, 1]) await appendJobOutput(t.database.db, job.id, first.attempt, seq, Buffer.from(`left by attempt 1 #${seq}`));
    const again = await claim(job.id);
    expect(await runExportJob(t.database.db, again, { chunkBytes: 2048 })).toBe('done');
    const chunks = await chunksOf(job.id);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks).toEqual(chunks.map((_, i) => ({ attempt: 2, seq: i })));
    const res = await admin.request('GET', `/api/v1/enterprises/export-jobs/${job.id}/file`);
    expect(res.rawPayload.length).toBe(((await findJob(t.database.db, job.id))!.result as { bytes: number }).bytes);
    expect(await sheetRows(res.rawPayload)).toHaveLength((await all()) + 1);
  });

  it('claimed again before it began: it stops at its first heartbeat, writes nothing, and the job stays the new claim\'s', async () => {
    const job = await queueDirect();
    const first = await claim(job.id);
    await t.database.db.update(jobs).set({ attempt: sql`${jobs.attempt} + 1` }).where(eq(jobs.id, job.id));
    expect(await runExportJob(t.database.db, first)).toBe('lost');
    expect(await chunksOf(job.id)).toEqual([]);
    expect(await findJob(t.database.db, job.id)).toMatchObject({ status: 'running', attempt: 2, result: null });
  });

  it('the stored chunks are read back in order, one query each', async () => {
    const job = await queueDirect();
    const parts = ['甲', 'b'.repeat(3000), '丙'].map((s) => Buffer.from(s));
    // Written out of order: the file is read by number.
    for (const i of [2, 0, 1]) await appendJobOutput(t.database.db, job.id, 1, i, parts[i]!);
    await appendJobOutput(t.database.db, job.id, 2, 0, Buffer.from('another attempt'));
    const read: Buffer[] = [];
    for await (const c of readJobOutput(t.database.db, job.id, 1)) read.push(c);
    expect(Buffer.concat(read).toString()).toBe(`甲${'b'.repeat(3000)}丙`);
  });
});
