// Batch matching of an uploaded list as a job (issue 11 item 4): the CSV or .xlsx is stored with its
// job in chunks, the instance's worker reads it a chunk at a time and writes the report (and the
// what-if, with overrides) as the job's result — the same report the synchronous upload gives.
// A request that cannot run is refused before anything is queued; a run that stops or loses its
// claim writes nothing and leaves the list for the next claim.
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/lib/exceljs.ts';
import { findJob, insertJobWithInput } from '../src/db/repositories/jobs-repository.ts';
import { jobInputs, jobs } from '../src/db/schema/jobs.ts';
import { uploadLimits } from '../src/io/upload-limits.ts';
import { UPLOAD_DEFAULTS } from '../src/config/env.ts';
import { XLSX_MIME } from '../src/server/routes/enterprises.ts';
import { BATCH_CHUNK_BYTES, type BatchJobParams, POLICY_BATCH_KIND } from '../src/use-cases/policy-batch/batch-job-params.ts';
import { runBatchJob } from '../src/use-cases/policy-batch/run-batch-job.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client;
let baoying: Client;
let qiye: Client;
let provider: Client;
beforeAll(async () => {
  t = await startTestApp();
  [admin, baoying, qiye, provider] = await Promise.all([login(t.app, 'admin'), login(t.app, 'baoying'), login(t.app, 'qiye'), login(t.app, 'provider')]);
});
afterAll(async () => { await t?.close(); });

const YZ = '/api/v1/policies/yangzhou-2022-20';
// The list of test/policies-api.test.ts, whose totals were worked out by hand from 扬府发〔2022〕20号 there.
const csv = 'id,region,applicant_type,diagnosis_factory,projects.annual_investment\nA,yz-baoying,enterprise,,5000万元\nB,yz-baoying,企业,是,3000万元\nC,yz-gaoyou,enterprise,,\n';

type Report = { enterprises: number; entitled: number; label: string; total: { min: number; max: number }; measures: { id: string; max: number }[]; matches?: { id: string }[] };
type WhatIf = { base: Report; scenario: Report; measures: { id: string; max: { base: number; scenario: number; delta: number } }[]; total: { max: { delta: number } } };
type JobView = {
  id: string; status: string; format: string; fileName: string | null; bytes: number; overrides: Record<string, string>;
  progress: { done: number; total: number }; error: { code: string; message: string; field?: string } | null;
  summary: { enterprises: number; entitled: number; total: { min: number; max: number | null } } | null;
  result?: { report: Report; whatIf: WhatIf | null } | null;
};

const queue = (c: Client, body: Buffer | string, query: string, type = 'text/csv') =>
  c.request('POST', `${YZ}/batch-jobs?${query}`, Buffer.from(body), { 'content-type': type });
async function finished(c: Client, id: string): Promise<JobView> {
  await expect.poll(async () => (await c.request('GET', `/api/v1/policies/batch-jobs/${id}?result=false`)).json().status, { timeout: 30_000 })
    .toMatch(/^(done|failed)$/);
  return (await c.request('GET', `/api/v1/policies/batch-jobs/${id}`)).json() as JobView;
}
const jobCount = async () => Number((await t.database.db.select({ n: count() }).from(jobs))[0]!.n);
const inputChunks = async (id: string) => (await t.database.db.select({ seq: jobInputs.seq }).from(jobInputs).where(eq(jobInputs.jobId, id)).orderBy(jobInputs.seq)).map((r) => r.seq);

describe('a batch queued as a job', () => {
  it('runs in the background and gives the synchronous upload\'s report, with the match list; the list is then removed', async () => {
    const res = await queue(admin, csv, 'date=2023-06-01&matchesLimit=10&fileName=名单.csv');
    expect(res.statusCode).toBe(202);
    const queued = res.json() as JobView;
    expect(queued).toMatchObject({ status: 'queued', format: 'csv', fileName: '名单.csv', bytes: Buffer.byteLength(csv), overrides: {} });
    const job = await finished(admin, queued.id);
    expect(job).toMatchObject({ status: 'done', error: null, progress: { done: Buffer.byteLength(csv), total: Buffer.byteLength(csv) } });
    const direct = (await admin.request('POST', `${YZ}/batch/upload?date=2023-06-01&matchesLimit=10`, Buffer.from(csv), { 'content-type': 'text/csv' })).json() as Report;
    expect(job.result!.report).toEqual(direct);
    expect(job.result!.report).toMatchObject({ enterprises: 3, entitled: 2, total: { min: 20_000_000, max: 1_010_000_000 } });
    expect(job.result!.report.matches!.map((m) => m.id)).toEqual(['A', 'B']);
    expect(job.result!.whatIf).toBeNull();
    expect(await inputChunks(queued.id)).toEqual([]);
    // The list shows the totals, not the match list.
    const mine = (await admin.request('GET', '/api/v1/policies/batch-jobs')).json() as JobView[];
    expect(mine.find((j) => j.id === queued.id)).toMatchObject({ summary: { enterprises: 3, entitled: 2, total: { min: 20_000_000, max: 1_010_000_000 } } });
    expect(mine.find((j) => j.id === queued.id)!.result).toBeUndefined();
  });

  it('with an override (扬府发〔2022〕20号 smart_retrofit.cap 800万元): the report under the text\'s parameters and the what-if from one pass', async () => {
    const queued = (await queue(admin, csv, `date=2023-06-01&override=${encodeURIComponent('smart_retrofit.cap=800万元')}`)).json() as JobView;
    expect(queued.overrides).toEqual({ 'smart_retrofit.cap': '800万元' });
    const job = await finished(admin, queued.id);
    expect(job.status).toBe('done');
    // The report keeps the text's parameters; the what-if is the synchronous what-if's.
    expect(job.result!.report.total.max).toBe(1_010_000_000);
    const w = job.result!.whatIf!;
    expect(w.measures.find((m) => m.id === 'smart-retrofit')!.max).toEqual({ base: 990_000_000, scenario: 1_040_000_000, delta: 50_000_000 });
    expect(w.total.max.delta).toBe(50_000_000);
    const direct = (await admin.request('POST', `${YZ}/what-if/upload?date=2023-06-01&override=${encodeURIComponent('smart_retrofit.cap=800万元')}`, Buffer.from(csv), { 'content-type': 'text/csv' })).json() as WhatIf;
    expect(w).toEqual(direct);
  });

  it('reads a list stored in several chunks, rows split across them, as the synchronous upload does; an .xlsx gives the same totals', async () => {
    const lines = ['id,region,applicant_type,diagnosis_factory,projects.annual_investment'];
    for (let i = 0, bytes = 0; bytes < 2.5 * BATCH_CHUNK_BYTES; i++) {
      lines.push(`企业${String(i).padStart(6, '0')},${i % 3 ? 'yz-baoying' : 'yz-gaoyou'},enterprise,${i % 5 ? '' : '是'},${(i % 70) * 100}万元`);
      bytes += Buffer.byteLength(lines[i + 1]!) + 1;
    }
    const big = `${lines.join('\n')}\n`;
    const queued = (await queue(baoying, big, 'date=2023-06-01&matchesLimit=5')).json() as JobView;
    expect(queued.status).toBe('queued');
    const job = await finished(baoying, queued.id);
    expect(job.status).toBe('done');
    const direct = (await baoying.request('POST', `${YZ}/batch/upload?date=2023-06-01&matchesLimit=5`, Buffer.from(big), { 'content-type': 'text/csv' })).json() as Report;
    expect(job.result!.report).toEqual(direct);
    expect(job.result!.report.enterprises).toBe(lines.length - 1);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    for (const line of csv.trim().split('\n')) ws.addRow(line.split(',').map((c) => (c === '' ? null : c)));
    const x = (await queue(admin, Buffer.from(await wb.xlsx.writeBuffer()), 'date=2023-06-01', XLSX_MIME)).json() as JobView;
    expect(x.format).toBe('xlsx');
    expect((await finished(admin, x.id)).result!.report.total).toEqual({ min: 20_000_000, max: 1_010_000_000 });
  });

  it('a bad row fails the job naming the row and field; the list is removed', async () => {
    const queued = (await queue(admin, 'id,applicant_type,projects.annual_investment\nA,enterprise,12.345\n', 'date=2023-06-01')).json() as JobView;
    const job = await finished(admin, queued.id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'INVALID', field: 'upload第2行.facts.projects[0].annual_investment' } });
    expect(job.result).toBeNull();
    expect(await inputChunks(queued.id)).toEqual([]);
  });

  it('refuses, naming the field, what cannot run — and queues nothing', async () => {
    const before = await jobCount();
    const cases: [string, Promise<{ statusCode: number; json(): unknown }>, number, string][] = [
      ['date', queue(admin, csv, 'date=2023-02-30'), 400, 'date'],
      ['override', queue(admin, csv, `date=2023-06-01&override=${encodeURIComponent('no_such.parameter=1')}`), 400, 'no_such.parameter'],
      ['override form', queue(admin, csv, 'date=2023-06-01&override=nonsense'), 400, 'override'],
      ['policy', admin.request('POST', '/api/v1/policies/no-such-policy/batch-jobs?date=2023-06-01', Buffer.from(csv), { 'content-type': 'text/csv' }), 404, 'policyId'],
      ['content type', queue(admin, csv, 'date=2023-06-01', 'application/pdf'), 415, 'application/pdf'],
      ['not a workbook', queue(admin, csv, 'date=2023-06-01', XLSX_MIME), 400, 'file'],
      ['empty', queue(admin, '', 'date=2023-06-01'), 400, 'file'],
      ['matchesLimit', queue(admin, csv, 'date=2023-06-01&matchesLimit=-1'), 400, 'matchesLimit'],
    ];
    for (const [what, pending, status, field] of cases) {
      const res = await pending;
      expect(res.statusCode, what).toBe(status);
      expect(JSON.stringify(res.json()), what).toContain(field);
    }
    expect(await jobCount()).toBe(before);
  });

  it('tells a wrong date before reading the list, and closes the connection after the answer (the client may still be sending)', async () => {
    const before = await jobCount();
    const res = await queue(admin, Buffer.alloc(3 * BATCH_CHUNK_BYTES, 'x'), 'date=2023-13-01');
    expect(res.statusCode).toBe(400);
    expect((res.json() as { field: string }).field).toBe('date');
    expect(res.headers.connection).toBe('close');
    expect(await jobCount()).toBe(before);
  });

  it('is the offices\' tool: an enterprise or a provider is refused; another region\'s officer is told it does not exist, the city reads it', async () => {
    expect((await queue(qiye, csv, 'date=2023-06-01')).statusCode).toBe(403);
    expect((await queue(provider, csv, 'date=2023-06-01')).statusCode).toBe(403);
    const adminJob = (await queue(admin, csv, 'date=2023-06-01')).json() as JobView;
    expect((await baoying.request('GET', `/api/v1/policies/batch-jobs/${adminJob.id}`)).statusCode).toBe(404);
    expect(((await baoying.request('GET', '/api/v1/policies/batch-jobs')).json() as JobView[]).map((j) => j.id)).not.toContain(adminJob.id);
    const own = (await queue(baoying, csv, 'date=2023-06-01')).json() as JobView;
    expect((await admin.request('GET', `/api/v1/policies/batch-jobs/${own.id}`)).statusCode).toBe(200);
    expect((await admin.request('GET', '/api/v1/policies/batch-jobs/not-a-uuid')).statusCode).toBe(404);
  });
});

describe('a batch job that stops or loses its claim', () => {
  const config = { uploadMaxBytes: 20 * 1024 * 1024, uploads: UPLOAD_DEFAULTS };
  const params = (bytes: number): BatchJobParams => ({
    policyId: 'yangzhou-2022-20', date: '2023-06-01', overrides: {}, matchesLimit: null, format: 'csv', fileName: null, bytes, limits: uploadLimits(config, 'batch-csv'),
  });
  // Three chunks as the upload stores them; queued under another kind (the app's worker leaves it), then claimed as claimJob does.
  const file = Buffer.from(csv.repeat(1));
  const parts = [file.subarray(0, 40), file.subarray(40, 90), file.subarray(90)];
  const queueDirect = () => insertJobWithInput(t.database.db, { kind: 'policy-batch-test', params: params(file.length), regionId: null, createdBy: null, createdByName: '测试' }, parts);
  const claim = async (id: string) => {
    await t.database.db.update(jobs).set({
      kind: POLICY_BATCH_KIND, status: 'running', attempt: sql`${jobs.attempt} + 1`, claimedBy: 'test', heartbeatAt: sql`now()`, startedAt: sql`now()`,
    }).where(eq(jobs.id, id));
    return (await findJob(t.database.db, id))!;
  };

  it('stopped after its first chunk: no result, the job stays running and keeps its list; the next claim reads it whole', async () => {
    const job = await queueDirect();
    expect(await inputChunks(job.id)).toEqual([0, 1, 2]);
    let chunks = 0;
    expect(await runBatchJob(t.database.db, await claim(job.id), { stopped: () => chunks++ > 0 })).toBe('stopped');
    expect(await findJob(t.database.db, job.id)).toMatchObject({ status: 'running', result: null });
    expect(await inputChunks(job.id)).toEqual([0, 1, 2]);
    expect(await runBatchJob(t.database.db, await claim(job.id))).toBe('done');
    const done = (await findJob(t.database.db, job.id))!;
    expect(done).toMatchObject({ status: 'done', attempt: 2 });
    expect((done.result as { report: Report }).report).toMatchObject({ enterprises: 3, entitled: 2, total: { max: 1_010_000_000 } });
    expect(await inputChunks(job.id)).toEqual([]);
  });

  it('claimed again before it began: it stops, writes nothing, and leaves the list and the job to the new claim', async () => {
    const job = await queueDirect();
    const first = await claim(job.id);
    await t.database.db.update(jobs).set({ attempt: sql`${jobs.attempt} + 1` }).where(eq(jobs.id, job.id));
    expect(await runBatchJob(t.database.db, first)).toBe('lost');
    expect(await findJob(t.database.db, job.id)).toMatchObject({ status: 'running', attempt: 2, result: null });
    expect(await inputChunks(job.id)).toEqual([0, 1, 2]);
  });
});
