// Approval throughput on PostgreSQL: one server process (as `zgsz serve` runs it) with a fund and
// thousands of applications at the approval step; autocannon keeps 50 connections busy, each
// request approving a different application (lock, kernel, fund commit, ledger, history, audit).
// Goal: at least 300 approvals a second with p99 under 50 ms on this 2-core machine.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { cliActor } from '../src/cli/cli-actor.ts';
import { migrateDatabase, openDatabase, queryRows } from '../src/db/client.ts';
import { seedDemo, seedRegions } from '../src/db/seed/seed.ts';
import { createFund } from '../src/use-cases/funds/create-fund.ts';
import { applicationsAtApproval } from '../test/helpers/applications.ts';

const PORT = 3919;
const CLOSED = Number(process.env.BENCH_APPROVALS ?? 5000);
// The fixed-rate phase needs its own applications: 300/s × 10 s, and a margin.
const COUNT = CLOSED + 3500;

export async function run(): Promise<void> {
  console.log('\n== 批准吞吐 (approvals under load, PostgreSQL, 50 connections) ==');
  const server = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `zgsz_appr_bench_${process.pid}`;
  const admin = async (q: string) => { const c = new pg.Client({ connectionString: server }); await c.connect(); await c.query(q); await c.end(); };
  try {
    await admin(`create database ${name}`);
  } catch {
    console.log('PostgreSQL 不可用,跳过 (no PostgreSQL reachable)');
    return;
  }
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  const database = await openDatabase({ url, poolSize: 4 });
  await migrateDatabase(database);
  await seedRegions(database.db);
  await seedDemo(database.db, 60);
  await createFund(database.db, cliActor(), { city: 'yangzhou', year: 2023, level: 'city', budgetFen: 100_000_000_000 });
  const enterprises = await queryRows<{ id: string; region_id: string }>(database.db, sql`select id, region_id from enterprises where region_id like 'yz-%'`);
  const regionOf = new Map(enterprises.map((e) => [e.id, e.region_id]));
  const ids = await applicationsAtApproval(database.db, { count: COUNT, enterpriseIds: enterprises.map((e) => e.id), regionOf: (id) => regionOf.get(id)!, investment: '2000万元' });
  await database.close();
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/approve-prof'] : []), 'bin/zgsz.js', 'serve'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), LOG_LEVEL: 'warn', ZGSZ_BUSINESS_DATE: '2023-06-01', ZGSZ_FILES_DIR: mkdtempSync(join(tmpdir(), 'zgsz-f-')) },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; ; i++) {
      try { if ((await fetch(`http://127.0.0.1:${PORT}/api/v1/health`)).ok) break; } catch { /* not up yet */ }
      if (i > 240) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 250));
    }
    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Zgsz@2026demo' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    let next = 0;
    const approve: autocannon.Request = { method: 'POST', setupRequest: (req) => ({ ...req, path: `/api/v1/applications/${ids[next++]}/approve`, body: JSON.stringify({ version: 1, amountFen: 10_000_000 }) }) };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    // 1. Capacity: 50 connections kept busy (closed loop), as many approvals as the server takes.
    const closed = await autocannon({ url: `http://127.0.0.1:${PORT}`, connections: 50, amount: CLOSED, headers, requests: [approve] });
    const rate = closed.requests.total / (closed.duration || 1);
    console.log(`容量(50连接持续满载):${closed.requests.total.toLocaleString('en')} 次批准用时 ${closed.duration.toFixed(1)} s,${rate.toFixed(0)} 次/s;延迟 p50 ${closed.latency.p50} ms,p99 ${closed.latency.p99} ms(满载时含排队);非 2xx/错误 ${closed.non2xx + closed.errors + closed.timeouts}`);
    // 2. Latency at the goal's rate: 300 approvals a second over 50 connections for 10 s.
    const fixed = await autocannon({ url: `http://127.0.0.1:${PORT}`, connections: 50, overallRate: 300, duration: 10, headers, requests: [approve] });
    const achieved = fixed.requests.total / (fixed.duration || 1);
    console.log(`定速 300 次/s × 10 s:实际 ${achieved.toFixed(0)} 次/s,延迟 p50 ${fixed.latency.p50} ms,p90 ${fixed.latency.p90} ms,p99 ${fixed.latency.p99} ms,最大 ${fixed.latency.max} ms;非 2xx/错误 ${fixed.non2xx + fixed.errors + fixed.timeouts}`);
    console.log(`容量 / 300 次/s 目标 = ${(rate / 300).toFixed(2)};定速 p99 / 50 ms 目标 = ${(fixed.latency.p99 / 50).toFixed(2)}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await admin(`drop database if exists ${name} with (force)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
