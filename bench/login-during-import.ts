// Sign-in latency while a 100,000-row import runs, against PostgreSQL. The server runs in its own
// process with the demo data; the import is uploaded through the API as an officer would, and a
// paced client signs in every 200 ms meanwhile. Each latency is measured from the attempt's
// scheduled send time, so a stalled server shows as latency, not as fewer samples. The same client
// runs first on an idle server as the baseline. Goal: p99 under 100 ms during the import.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { workbook } from './enterprise-import.ts';
import { scratchPostgres } from './scratch-database.ts';

const PORT = 3918;
const BASE = `http://127.0.0.1:${PORT}`;
const INTERVAL_MS = 200;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


const signIn = () => fetch(`${BASE}/api/v1/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reviewer', password: 'Zgsz@2026demo' }),
});

/** Signs in every INTERVAL_MS until `until` settles; returns each attempt's latency from its scheduled time. */
async function pacedLogins(until: Promise<unknown>): Promise<{ latencies: number[]; failures: number }> {
  let done = false;
  void until.finally(() => { done = true; });
  const latencies: number[] = [];
  let failures = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; !done; i++) {
    const scheduled = start + i * INTERVAL_MS;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (done) break;
    inFlight.push(signIn().then(async (res) => {
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
      latencies.push(performance.now() - scheduled);
    }));
  }
  await Promise.all(inFlight);
  return { latencies, failures };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const describe = (l: number[]) => {
  const s = [...l].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p99: pct(s, 99), max: s.at(-1) ?? NaN };
};

export async function run(): Promise<void> {
  console.log('\n== 导入期间的登录延迟 (sign-in latency during a 100,000-row import, PostgreSQL) ==');
  const db = await scratchPostgres('login');
  if (!db) {
    console.log('PostgreSQL 不可用,跳过 (no PostgreSQL reachable)');
    return;
  }
  const file = readFileSync(await workbook(100_000));
  const server = spawn(process.execPath, ['bin/zgsz.js', 'serve', '--demo'], {
    env: { ...process.env, DATABASE_URL: db.url, PORT: String(PORT), LOG_LEVEL: 'warn' }, stdio: 'ignore',
  });
  try {
    for (let i = 0; ; i++) {
      try { if ((await fetch(`${BASE}/api/v1/health`)).ok) break; } catch { /* not up yet */ }
      if (i > 240) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 250));
    }
    const idle = await pacedLogins(new Promise((r) => setTimeout(r, 5000)));
    const login = await fetch(`${BASE}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Zgsz@2026demo' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const started = performance.now();
    const importing = fetch(`${BASE}/api/v1/enterprises/import`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': XLSX }, body: file })
      .then(async (res) => ({ status: res.status, body: (await res.json()) as { created: number; updated: number; unchanged: number; errors: unknown[] } }));
    // The import answers once committed; its audit entries are then linked onto the chain in the
    // background. Sign-ins are measured through both.
    let answered = 0;
    const chained = importing.then(async () => {
      answered = performance.now();
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        while (Number((await c.query('select count(*) as n from audit_pending')).rows[0].n) > 0) await new Promise((r) => setTimeout(r, 100));
      } finally {
        await c.end();
      }
    });
    const during = await pacedLogins(chained);
    const imported = await importing;
    const seconds = (answered - started) / 1000;
    const chainSeconds = (performance.now() - answered) / 1000;
    if (imported.status !== 200) throw new Error(`import failed: ${imported.status} ${JSON.stringify(imported.body).slice(0, 300)}`);
    const a = describe(idle.latencies);
    const b = describe(during.latencies);
    console.log(`导入 ${(imported.body.created + imported.body.updated + imported.body.unchanged).toLocaleString('en')} 行用时 ${seconds.toFixed(1)} s(经 API 上传),其后审计链接 ${chainSeconds.toFixed(1)} s`);
    console.log(`空闲时登录   ${a.n} 次:p50 ${a.p50.toFixed(0)} ms,p99 ${a.p99.toFixed(0)} ms,最大 ${a.max.toFixed(0)} ms;失败 ${idle.failures}`);
    console.log(`导入与链接期间登录 ${b.n} 次:p50 ${b.p50.toFixed(0)} ms,p99 ${b.p99.toFixed(0)} ms,最大 ${b.max.toFixed(0)} ms;失败 ${during.failures}`);
    console.log(`导入期间 p99 / 100 ms 目标 = ${(b.p99 / 100).toFixed(2)}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
