// DESIGN §3.4 and the applications issue: two server processes approve 200 applications at once
// against a fund that holds only 100 of them. The committed total never exceeds the budget, equals
// the sum of the approvals that succeeded, and every refused application is unchanged.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { type Database, migrateDatabase, openDatabase, queryRows } from '../../src/db/client.ts';
import { seedDemo, seedRegions } from '../../src/db/seed/seed.ts';
import { cliActor } from '../../src/cli/cli-actor.ts';
import { createFund } from '../../src/use-cases/funds/create-fund.ts';
import { applicationsAtApproval } from '../helpers/applications.ts';
import { scratchPostgres } from '../helpers/db.ts';
import { httpLogin, tally } from '../helpers/http.ts';

const AMOUNT = 10_000_000; // 10万元 each
const FITS = 100;
let scratch: { url: string; drop: () => Promise<void> };
let database: Database;
const servers: ChildProcess[] = [];
const ports = [3931 + (process.pid % 50) * 2, 3932 + (process.pid % 50) * 2];

async function startServer(port: number): Promise<void> {
  const child = spawn(process.execPath, ['bin/zgsz.js', 'serve'], {
    env: { ...process.env, DATABASE_URL: scratch.url, PORT: String(port), LOG_LEVEL: 'warn', ZGSZ_BUSINESS_DATE: '2023-06-01', ZGSZ_FILES_DIR: mkdtempSync(join(tmpdir(), 'zgsz-f-')) },
    stdio: 'ignore',
  });
  servers.push(child);
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server on ${port} did not start`);
}

beforeAll(async () => {
  scratch = await scratchPostgres(process.env.DATABASE_URL!, 'zgsz_appr');
  database = await openDatabase({ url: scratch.url, poolSize: 5 });
  await migrateDatabase(database);
  await seedRegions(database.db);
  await seedDemo(database.db, 30);
  await Promise.all(ports.map(startServer));
}, 120_000);

afterAll(async () => {
  for (const s of servers) s.kill('SIGTERM');
  await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.once('exit', r)))));
  await database?.close();
  await scratch?.drop();
});

describe('funds are never over-committed (two server processes, 200 concurrent approvals)', () => {
  it('exactly the approvals the budget holds succeed; the rest are refused and unchanged', async () => {
    const fund = await createFund(database.db, cliActor(), { city: 'yangzhou', year: 2023, level: 'city', budgetFen: FITS * AMOUNT + AMOUNT / 2 });
    const enterprises = await queryRows<{ id: string; region_id: string }>(database.db, sql`select id, region_id from enterprises where region_id like 'yz-%'`);
    const regionOf = new Map(enterprises.map((e) => [e.id, e.region_id]));
    const ids = await applicationsAtApproval(database.db, { count: 200, enterpriseIds: enterprises.map((e) => e.id), regionOf: (id) => regionOf.get(id)!, investment: '2000万元' });

    const clients = await Promise.all(ports.map((p) => httpLogin(`http://127.0.0.1:${p}`, 'admin')));
    const results = await Promise.all(ids.map((id, i) => clients[i % 2]!.request('POST', `/api/v1/applications/${id}/approve`, { version: 1, amountFen: AMOUNT })));
    const counts = tally(results);
    console.log('200 approvals through two processes against a fund for 100:', counts);
    expect(counts).toEqual({ 200: FITS, 409: 200 - FITS });
    expect(results.filter((r) => r.status === 409).every((r) => r.body.field === 'amountFen' && String(r.body.message).includes('余额不足'))).toBe(true);

    const [f] = await queryRows<{ committed_fen: string; budget_fen: string }>(database.db, sql`select committed_fen::text, budget_fen::text from funds where id = ${fund.id}`);
    const [approved] = await queryRows<{ n: number; total: string }>(database.db, sql`select count(*)::int as n, coalesce(sum(approved_fen), 0)::text as total from applications where status = 'approved'`);
    const [ledger] = await queryRows<{ n: number; total: string }>(database.db, sql`select count(*)::int as n, coalesce(sum(amount_fen), 0)::text as total from fund_ledger where kind = 'commit'`);
    console.log(`committed ${f!.committed_fen} of ${f!.budget_fen} fen; approved ${approved!.n} totalling ${approved!.total}; ledger ${ledger!.n} commits totalling ${ledger!.total}`);
    expect(Number(f!.committed_fen)).toBeLessThanOrEqual(Number(f!.budget_fen));
    expect(f!.committed_fen).toBe(approved!.total);
    expect(ledger).toEqual({ n: FITS, total: approved!.total });
    const [unchanged] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from applications
      where status = 'in_review' and step_index = 3 and version = 1 and approved_fen is null and decided_at is null`);
    expect(unchanged!.n).toBe(200 - FITS);
  });
});
