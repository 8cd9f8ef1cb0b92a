// 批量测算 of an uploaded list as a job (issue 11 items 4 and 6): the 1,000,000-row CSV of
// policy-batch-csv.ts queued as POST …/batch-jobs does (read into memory within ZGSZ_CSV_MAX_MB,
// stored in 1 MiB chunks with its job) and run by a worker as any instance would (read back a chunk
// at a time, Yangzhou's report with its what-if under one override, from one pass). On embedded
// PGlite and on PostgreSQL, each in a process of its own so its peak RSS is its own. Beside it,
// the same list evaluated straight from the file (the synchronous upload's path, no database).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliActor } from '../src/cli/cli-actor.ts';
import { UPLOAD_DEFAULTS } from '../src/config/env.ts';
import { migrateDatabase, openDatabase } from '../src/db/client.ts';
import { findJob } from '../src/db/repositories/jobs-repository.ts';
import { seedRegions } from '../src/db/seed/seed.ts';
import { runScenarios } from '../src/domain/policy/batch.ts';
import { findPolicy } from '../src/domain/policy/find.ts';
import { policyLibrary } from '../src/io/policy-library.ts';
import { readPopulation } from '../src/io/read-population.ts';
import { uploadLimits } from '../src/io/upload-limits.ts';
import { drainJobs } from '../src/use-cases/jobs/work-jobs.ts';
import type { BatchJobResult } from '../src/use-cases/policy-batch/batch-job-params.ts';
import { startBatchJob } from '../src/use-cases/policy-batch/start-batch-job.ts';
import { ROWS, writePopulationCsv } from './policy-batch-csv.ts';
import { scratchPostgres } from './scratch-database.ts';

const OVERRIDES = { 'smart_retrofit.cap': '800万元' };
const limits = uploadLimits({ uploadMaxBytes: 20 * 1024 * 1024, uploads: UPLOAD_DEFAULTS }, 'batch-csv');
interface Figures { storeMs: number; runMs: number; maxRssMB: number; enterprises: number; entitled: number; deltaMax: number | null }

/** In the child: queue the file as the route does, then run it as a worker does. */
async function child(file: string, url: string | undefined): Promise<void> {
  // PGlite on a data directory, as the embedded default runs (in memory, the stored list would count in RSS).
  const database = await openDatabase(url ? { url } : { dataDir: join(dirname(file), 'pglite') });
  try {
    await migrateDatabase(database);
    await seedRegions(database.db);
    let t = performance.now();
    const job = await startBatchJob(database.db, cliActor(), readFileSync(file), {
      policyId: 'yangzhou-2022-20', date: '2023-06-01', overrides: OVERRIDES, format: 'csv', limits, matchesLimit: 200,
    });
    const storeMs = performance.now() - t;
    t = performance.now();
    if ((await drainJobs(database.db, 'bench', { id: job.id })) !== 1) throw new Error('the job did not run');
    const runMs = performance.now() - t;
    const row = (await findJob(database.db, job.id))!;
    if (row.status !== 'done') throw new Error(`the job ${row.status}: ${JSON.stringify(row.error)}`);
    const r = row.result as BatchJobResult;
    const figures: Figures = {
      storeMs, runMs, maxRssMB: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
      enterprises: r.report.enterprises, entitled: r.report.entitled, deltaMax: r.whatIf!.total.max.delta,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await database.close();
  }
}

/** In the child: the same list and scenarios straight from the file (the synchronous path). */
async function direct(file: string): Promise<void> {
  const policy = findPolicy(policyLibrary(), 'yangzhou-2022-20');
  const t = performance.now();
  const [report] = await runScenarios([{ policy }, { policy, overrides: OVERRIDES }], readPopulation(file, policy.facts, { limits }), { date: '2023-06-01', matchesLimit: 200 });
  console.log(JSON.stringify({ storeMs: 0, runMs: performance.now() - t, maxRssMB: (process.resourceUsage().maxRSS * 1024) / 2 ** 20, enterprises: report!.enterprises, entitled: report!.entitled, deltaMax: null }));
}

function spawn(args: string[]): Figures {
  const r = spawnSync(process.execPath, ['bin/run-ts.js', 'bench/batch-job.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`batch job bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Figures;
}

export async function run(): Promise<void> {
  console.log(`\n== 批量测算任务 (a ${ROWS.toLocaleString('en')}-row list queued and run as a job: Yangzhou with a what-if) ==`);
  const dir = mkdtempSync(join(tmpdir(), 'zgsz-batch-job-'));
  try {
    const file = join(dir, 'population.csv');
    await writePopulationCsv(file);
    console.log(`  名单 ${(statSync(file).size / 2 ** 20).toFixed(0)} MB`);
    const line = (name: string, f: Figures) => console.log(`  ${name.padEnd(30)} 存入 ${(f.storeMs / 1000).toFixed(2)} s  执行 ${(f.runMs / 1000).toFixed(2)} s  峰值 RSS ${f.maxRssMB.toFixed(0)} MB  ${f.enterprises.toLocaleString('en')} 家,${f.entitled.toLocaleString('en')} 家符合`);
    const d = spawn(['--direct', file]);
    line('直接读文件 (from the file, no job)', d);
    const embedded = spawn(['--child', file]);
    line('PGlite 任务 (job, embedded)', embedded);
    const scratch = await scratchPostgres('batchjob');
    if (scratch) {
      try {
        line('PostgreSQL 任务 (job)', spawn(['--child', file, scratch.url]));
      } finally {
        await scratch.drop();
      }
    } else console.log('  PostgreSQL 不可用,跳过 (no PostgreSQL reachable)');
    if (embedded.enterprises !== ROWS || d.entitled !== embedded.entitled) throw new Error('the job and the direct run disagree');
    console.log(`  负载 (load average) ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]);
  else if (process.argv[2] === '--direct') await direct(process.argv[3]!);
  else await run();
}
