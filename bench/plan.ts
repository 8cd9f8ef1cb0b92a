// The ten actions' reports on the demo data: the 月度跟踪调度表 and the 季度督查通报 are computed on
// every request (27 indicators, their monthly series and one records query each), so their latency
// is what an officer waits for; a monthly report is one transaction with the neighbour check.
// Runs on the embedded PGlite and, when reachable, on PostgreSQL. Goal: the dispatch table p99
// under 150 ms and a report under 50 ms on PostgreSQL on this 2-core machine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cliActor } from '../src/cli/cli-actor.ts';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.ts';
import { DEMO_BUSINESS_DATE, seedDemo, seedRegions } from '../src/db/seed/seed.ts';
import { LocalFileStore } from '../src/io/file-store.ts';
import { dispatchTable } from '../src/use-cases/plan/dispatch-table.ts';
import { quarterlyBulletin } from '../src/use-cases/plan/quarterly-bulletin.ts';
import { reportIndicator } from '../src/use-cases/plan/report-indicator.ts';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function time(n: number, f: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f(i);
    out.push(performance.now() - t0);
  }
  return out;
}

async function measure(label: string, database: Database): Promise<{ dispatchP99: number; reportP99: number }> {
  await migrateDatabase(database);
  await seedRegions(database.db);
  const t0 = performance.now();
  await seedDemo(database.db, 320, { files: new LocalFileStore(mkdtempSync(join(tmpdir(), 'zgsz-bench-f-'))), today: DEMO_BUSINESS_DATE });
  console.log(`${label}: 演示数据(含 2022-01 起的月报)写入 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const actor = cliActor();
  await dispatchTable(database.db, actor, { year: 2023, month: 4 }, DEMO_BUSINESS_DATE);
  const dispatch = await time(40, () => dispatchTable(database.db, actor, { year: 2023, month: 4 }, DEMO_BUSINESS_DATE));
  const bulletin = await time(20, () => quarterlyBulletin(database.db, actor, { year: 2023, quarter: 1 }, DEMO_BUSINESS_DATE));
  // Corrections of one month, one after another: each reads the current revision and the series, checks and appends.
  const report = await time(40, (i) => reportIndicator(database.db, actor, { indicatorId: 'base-stations', year: 2023, month: 3, value: 9000 + i, replaces: i + 1, note: `基准测试更正 ${i}` }, DEMO_BUSINESS_DATE));
  const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms,p99 ${percentile(xs, 99).toFixed(1)} ms`;
  console.log(`${label}: 月度跟踪调度表 ${fmt(dispatch)};季度督查通报 ${fmt(bulletin)};报送一条 ${fmt(report)}`);
  return { dispatchP99: percentile(dispatch, 99), reportP99: percentile(report, 99) };
}

export async function run(): Promise<void> {
  console.log('\n== 十大行动:调度表、督查通报与报送 (action plan) ==');
  const embedded = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'zgsz-bench-plan-')) });
  try { await measure('PGlite', embedded); } finally { await embedded.close(); }
  const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `zgsz_plan_bench_${process.pid}`;
  const admin = async (q: string) => { const c = new pg.Client({ connectionString: server }); await c.connect(); await c.query(q); await c.end(); };
  try { await admin(`create database ${name}`); } catch { console.log('PostgreSQL 不可用,跳过 (no PostgreSQL reachable)'); return; }
  const u = new URL(server);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), poolSize: 4 });
  try {
    const r = await measure('PostgreSQL', database);
    console.log(`调度表 p99 / 150 ms 目标 = ${(r.dispatchP99 / 150).toFixed(2)};报送 p99 / 50 ms 目标 = ${(r.reportP99 / 50).toFixed(2)}`);
  } finally {
    await database.close();
    await admin(`drop database if exists ${name} with (force)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
