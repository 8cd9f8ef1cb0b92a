// Uploads with bounded memory and work: the server runs in its own process with the default upload
// limits and the demo data; each upload is sent through the API while a paced client asks
// GET /api/v1/health every 50 ms (latency measured from each request's scheduled time, so a stalled
// event loop shows as latency). For each upload: its answer, its time, the server's peak resident
// memory (the kernel's high-water mark, reset before the upload) and its growth over the memory
// before it, and the health check's p50/p99/max. Goals: growth under 512 MB for any single upload,
// health under 100 ms. PGlite (the default) and PostgreSQL when one is reachable: on PGlite the
// embedded database holds several hundred MB before any upload, so growth is the figure to read.
// A hostile file is refused before any transaction opens; a legitimate import's write transaction
// holds PGlite's one connection, so there the health check (as every query) waits for it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLUMNS } from '../src/use-cases/enterprises/enterprise-columns.ts';
import { invalidRowsSheet, sharedStringsBomb, workbookParts, zipFile } from '../test/helpers/xlsx-bombs.ts';
import { workbook } from './enterprise-import.ts';
import { scratchPostgres } from './scratch-database.ts';
import { freePort } from './free-port.ts';

let BASE = '';
const MB = 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEALTH_EVERY_MS = 50;

interface Upload { name: string; user: string; url: string; type: string; body: Buffer }


const memory = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/**
 * Health checks every HEALTH_EVERY_MS until `until` settles, one at a time (a stalled server is not
 * flooded with connections); each latency runs from the request's scheduled time, so a check that
 * had to wait for the previous one counts its wait. Failures (no answer, not 200) are Infinity.
 */
async function pacedHealth(until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => { done = true; });
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; !done; i++) {
    const scheduled = start + i * HEALTH_EVERY_MS;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (done) break;
    const ok = await fetch(`${BASE}/api/v1/health`, { signal: AbortSignal.timeout(60_000) }).then(async (res) => { await res.arrayBuffer(); return res.ok; }, () => false);
    latencies.push(ok ? performance.now() - scheduled : Infinity);
    // Skip the slots that passed while this one waited: each is already counted in this latency.
    i = Math.max(i, Math.floor((performance.now() - start) / HEALTH_EVERY_MS) - 1);
  }
  return latencies;
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '无应答');
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function signIn(username: string): Promise<Record<string, string>> {
  const res = await fetch(`${BASE}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Zgsz@2026demo' }) });
  if (!res.ok) throw new Error(`sign-in ${username}: ${res.status}`);
  return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function uploads(): Promise<Upload[][]> {
  const headers = COLUMNS.map((c) => c.header);
  const rowsBomb = zipFile(workbookParts(invalidRowsSheet(headers, 5_000_000), { sheetDeclared: 150 * MB }));
  const stringsBomb = zipFile(workbookParts(invalidRowsSheet(headers, 10), { shared: sharedStringsBomb(45_000_000), sharedDeclared: 100 * MB }));
  let csv = 'id,name,region,applicant_type,diagnosis_factory,projects.annual_investment\n';
  const lines: string[] = [];
  for (let i = 0; i < 1_000_000; i++) lines.push(`91321000MA${String(i).padStart(8, '0')},扬州某某机械制造有限公司${i},yz-baoying,enterprise,${i % 2 ? '是' : ''},${(i % 90) + 10}00万元`);
  csv += `${lines.join('\n')}\n`;
  const rows = { name: '1,000 万行无效数据(声明大小不实,11 MB)', user: 'baoying', url: '/api/v1/enterprises/import', type: XLSX, body: rowsBomb };
  const strings = { name: '4,500 万个共享字符串(3 MB)', user: 'baoying', url: '/api/v1/enterprises/import', type: XLSX, body: stringsBomb };
  return [
    [rows],
    [strings],
    [{ ...rows, name: '以上两个同时' }, strings],
    [{ name: '批量匹配 1,000,000 行 CSV', user: 'admin', url: '/api/v1/policies/yangzhou-2022-20/batch/upload?date=2023-06-01', type: 'text/csv', body: Buffer.from(csv) }],
    // Legitimate, and the largest an import takes. On PGlite (one connection) its write transaction
    // holds the database, so the health check's query waits for it, as every other query does.
    [{ name: '合法的 200,000 行企业档案导入(写入)', user: 'admin', url: '/api/v1/enterprises/import', type: XLSX, body: readFileSync(await workbook(200_000)) }],
  ];
}

async function measure(label: string, env: Record<string, string>, cases: Upload[][]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zgsz-upload-bench-'));
  const port = await freePort();
  BASE = `http://127.0.0.1:${port}`;
  // One process (no --workers cluster on PostgreSQL): the RSS read below is the serving process's.
  const server = spawn(process.execPath, ['bin/zgsz.js', 'serve', '--demo', '--workers', '1'], {
    env: { ...process.env, ZGSZ_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ...env }, stdio: 'ignore',
  });
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
      try { if ((await fetch(`${BASE}/api/v1/health`)).ok) break; } catch { /* not up yet */ }
      if (i > 480) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 250));
    }
    const sessions = new Map<string, Record<string, string>>();
    for (const u of ['baoying', 'admin']) sessions.set(u, await signIn(u));
    const pid = server.pid!;
    // A fresh demo server links thousands of seeded audit entries first: wait until it is idle.
    let idle: number[] = [];
    for (let i = 0; i < 30; i++) {
      idle = (await pacedHealth(new Promise((r) => setTimeout(r, 2000)))).sort((a, b) => a - b);
      if (pct(idle, 99) < 50) break;
    }
    console.log(`${label}:空闲时健康检查 p50 ${ms(pct(idle, 50))},p99 ${ms(pct(idle, 99))},最大 ${ms(idle.at(-1)!)}`);
    for (const group of cases) {
      await new Promise((r) => setTimeout(r, 2000)); // let the previous upload's garbage settle
      const before = memory(pid, 'VmRSS');
      writeFileSync(`/proc/${pid}/clear_refs`, '5'); // VmHWM := VmRSS
      const started = performance.now();
      const sending = Promise.all(group.map(async (u) => {
        const res = await fetch(`${BASE}${u.url}`, { method: 'POST', headers: { ...sessions.get(u.user)!, 'content-type': u.type }, body: u.body });
        const body = (await res.json()) as { details?: { limit?: string }; errorsTotal?: number; enterprises?: number; created?: number };
        return `${res.status}${body.details?.limit ? ` ${body.details.limit}` : ''}${body.created !== undefined ? ` 新增 ${body.created}` : ''}${body.enterprises !== undefined ? ` ${body.enterprises} 家` : ''}`;
      }));
      const health = (await pacedHealth(sending)).sort((a, b) => a - b);
      const answers = await sending;
      const seconds = (performance.now() - started) / 1000;
      const peak = memory(pid, 'VmHWM');
      console.log(`  ${group.map((u) => u.name).join(' + ').padEnd(34)} 答复 ${answers.join(' / ')};用时 ${seconds.toFixed(1)} s;` +
        `RSS 峰值 ${(peak / MB).toFixed(0)} MB(之前 ${(before / MB).toFixed(0)} MB,增长 ${((peak - before) / MB).toFixed(0)} MB / 目标 512 MB);` +
        `健康检查 ${health.length} 次 p50 ${ms(pct(health, 50))},p99 ${ms(pct(health, 99))},最大 ${ms(health.at(-1)!)} / 目标 100 ms`);
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  console.log('\n== 上传:内存与健康检查 (uploads: peak RSS and health-check latency while each is processed) ==');
  const cases = await uploads();
  await measure('PGlite', {}, cases);
  const db = await scratchPostgres('upload');
  if (!db) {
    console.log('PostgreSQL 不可用,跳过 (no PostgreSQL reachable)');
    return;
  }
  try {
    await measure('PostgreSQL', { DATABASE_URL: db.url }, cases);
  } finally {
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
