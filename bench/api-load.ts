// API latency under load, against PostgreSQL as DESIGN.md §7 asks: the server runs in its own
// process (as in production) with the demo data; autocannon sends a fixed rate of signed-in reads
// and reports throughput and latency percentiles. Goal: p99 under 50 ms at hundreds of requests/s.
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { scratchPostgres } from './scratch-database.ts';

const PORT = 3917;
const RATE = Number(process.env.BENCH_RATE ?? 400);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);


async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/v1/health`)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

export async function run(): Promise<void> {
  console.log('\n== API 延迟 (API latency under load, PostgreSQL) ==');
  const db = await scratchPostgres('api');
  if (!db) {
    console.log('PostgreSQL 不可用,跳过 (no PostgreSQL reachable)');
    return;
  }
  const server = spawn(process.execPath, ['bin/zgsz.js', 'serve', '--demo'], {
    env: { ...process.env, DATABASE_URL: db.url, PORT: String(PORT), LOG_LEVEL: 'warn' }, stdio: 'ignore',
  });
  try {
    await waitForHealth();
    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Zgsz@2026demo' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const list = (await (await fetch(`http://127.0.0.1:${PORT}/api/v1/enterprises?pageSize=50`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    const ids = list.items.map((e) => e.id);
    let n = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${PORT}`,
      connections: 20,
      overallRate: RATE,
      duration: SECONDS,
      headers: { cookie },
      requests: [{
        method: 'GET',
        // Alternate a paged search and a single enterprise file, the two commonest reads.
        setupRequest: (req) => ({ ...req, path: n++ % 2 ? `/api/v1/enterprises/${ids[n % ids.length]}` : `/api/v1/enterprises?pageSize=20&page=${1 + (n % 10)}` }),
      }],
    });
    const non2xx = result.non2xx + result.errors + result.timeouts;
    console.log(`目标 ${RATE} 请求/s × ${SECONDS} s:实际 ${result.requests.average.toFixed(0)} 请求/s,延迟 p50 ${result.latency.p50} ms,p90 ${result.latency.p90} ms,p99 ${result.latency.p99} ms,最大 ${result.latency.max} ms;非 2xx/错误 ${non2xx}`);
    console.log(`p99 / 50 ms 目标 = ${(result.latency.p99 / 50).toFixed(2)}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
