// Enterprise import throughput and memory: a generated (deterministic) 100,000-row workbook
// imported into an empty database on PGlite and on PostgreSQL, each in its own process. A 10,000-row
// run beside it shows whether memory grows with the file (it should not: the import streams).
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import ExcelJS from '../src/lib/exceljs.ts';
import pg from 'pg';
import { demoEnterprise } from '../src/db/seed/demo-enterprises.ts';
import { COLUMNS, enterpriseToRow } from '../src/use-cases/enterprises/enterprise-columns.ts';

const DIR = join(process.cwd(), 'data', 'bench');
/** Issue 11, item 5: 100,000 rows imported within these, with memory that does not grow with the file. */
const GOAL_SECONDS: Record<string, number> = { PGlite: 8, PostgreSQL: 4 };
const HEAP_GROWTH_GOAL = 1.1;

export async function workbook(rows: number): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `enterprises-${rows}.xlsx`);
  if (existsSync(file)) return file;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(file), useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('企业');
  ws.addRow(COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < rows; i++) ws.addRow(enterpriseToRow(demoEnterprise(i))).commit();
  ws.commit();
  await wb.commit();
  return file;
}

interface Run { rows: number; seconds: number; checkSeconds: number; maxRssMB: number; baselineRssMB: number; peakHeapMB: number; peakLiveHeapMB: number; rssSamplesMB: number[]; errors: number; fileMB: number }

function runWorker(file: string, url?: string): Run {
  const out = execFileSync(process.execPath, ['--expose-gc', 'bin/run-ts.js', 'bench/enterprise-import-worker.ts', file, ...(url ? [url] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `zgsz_bench_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  try {
    await c.connect();
  } catch {
    return null;
  }
  await c.query(`drop database if exists ${name}`);
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

const fmt = (r: Run) =>
  `${r.rows.toLocaleString('en')} 行  ${r.seconds.toFixed(2)} s (检查 check ${r.checkSeconds.toFixed(2)} s + 写入 write ${(r.seconds - r.checkSeconds).toFixed(2)} s)  ${Math.round(r.rows / r.seconds).toLocaleString('en')} 行/s  峰值 RSS ${r.maxRssMB.toFixed(0)} MB (启动后 ${r.baselineRssMB.toFixed(0)} MB)  峰值堆 ${r.peakHeapMB.toFixed(0)} MB (回收后 live ${r.peakLiveHeapMB.toFixed(0)} MB)  RSS 采样 ${r.rssSamplesMB.join('/')} MB`;

export async function run(): Promise<void> {
  console.log('\n== 企业档案 Excel 导入 (enterprise import: checked, spooled, COPY into a staging table, merged in SQL) ==');
  const small = await workbook(10_000);
  const big = await workbook(100_000);
  const targets: { name: string; url?: string; cleanup?: () => Promise<void> }[] = [{ name: 'PGlite' }];
  const pgdb = await freshPostgres();
  if (pgdb) targets.push({ name: 'PostgreSQL', url: pgdb.url, cleanup: pgdb.drop });
  else console.log('PostgreSQL 不可用,跳过 (no PostgreSQL reachable)');
  for (const t of targets) {
    const s = runWorker(small, t.url);
    if (t.cleanup) { await t.cleanup(); const again = await freshPostgres(); t.url = again!.url; t.cleanup = again!.drop; }
    const b = runWorker(big, t.url);
    if (t.cleanup) await t.cleanup();
    if (s.errors || b.errors) throw new Error(`${t.name}: import reported errors`);
    const goal = GOAL_SECONDS[t.name]!;
    const growth = b.peakHeapMB / s.peakHeapMB;
    const liveGrowth = b.peakLiveHeapMB / s.peakLiveHeapMB;
    console.log(`${t.name.padEnd(10)}  10k: ${fmt(s)}`);
    console.log(`${t.name.padEnd(10)} 100k: ${fmt(b)}`);
    console.log(`${t.name.padEnd(10)} 导入 10 万行 (import 100k rows): ${b.seconds.toFixed(2)} s,目标 (goal) ≤ ${goal} s,比值 (ratio) ${(b.seconds / goal).toFixed(2)}× ${b.seconds <= goal ? '达标 (met)' : '未达标 (not met)'}`);
    console.log(`${t.name.padEnd(10)} 内存增长比 (peak heap 100k / 10k): ${growth.toFixed(2)}×,目标 (goal) ≤ ${HEAP_GROWTH_GOAL}×,比值 (ratio) ${(growth / HEAP_GROWTH_GOAL).toFixed(2)}× ${growth <= HEAP_GROWTH_GOAL ? '达标 (met)' : '未达标 (not met)'}  (file ${b.fileMB.toFixed(1)} MB vs ${s.fileMB.toFixed(1)} MB)`);
    console.log(`${t.name.padEnd(10)} 回收后堆增长比 (live heap after GC, 100k / 10k): ${liveGrowth.toFixed(2)}×,目标 (goal) ≤ ${HEAP_GROWTH_GOAL}×,比值 (ratio) ${(liveGrowth / HEAP_GROWTH_GOAL).toFixed(2)}× ${liveGrowth <= HEAP_GROWTH_GOAL ? '达标 (met)' : '未达标 (not met)'}`);
  }
  // Other work on the machine slows every figure above: the load average says how much.
  console.log(`负载 (load average, 1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(' / ')},${cpus().length} 核 (cores)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
