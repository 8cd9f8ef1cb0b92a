// Resident memory of the embedded default (`npm start`: `zgsz serve --demo` on PGlite, no
// DATABASE_URL, with the start script's process settings — read from package.json, so the bench
// measures what a user starts): the server runs in its own process on a fresh temporary data directory; its RSS (VmRSS of
// /proc/<pid>/status) is read at idle after the first start (initdb, migrations, demo seed), after
// 50 rounds of a few pages (sign-in as admin, the enterprise list, the 2022 score sheet, the
// dashboard's enterprise figures), and at idle after a second start on the same directory. Goal:
// every figure under 300 MB (issue 11 item 7). Extra environment (ZGSZ_PGLITE_SHARED_BUFFERS_MB,
// MALLOC_ARENA_MAX, or MALLOC_MMAP_THRESHOLD_ to override the script's) is passed through, so a
// setting's trade-off can be read by running the bench with it (docs/ARCHITECTURE.md, 内嵌数据库的内存).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../src/db/seed/seed.ts';
import { freePort } from './free-port.ts';

const MB = 1024 * 1024;
const GOAL_MB = 300;
const ROUNDS = 50;

/**
 * The server command of `npm start` (the part after its last `&&`): leading NAME=value settings,
 * then `node`, its flags and the script. A setting already in this environment wins.
 */
export function startCommand(script: string): { env: Record<string, string>; args: string[] } {
  const words = script.split('&&').at(-1)!.trim().split(/\s+/).filter((w) => w !== 'exec');
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [name, value] = words.shift()!.split('=') as [string, string];
    env[name] = process.env[name] ?? value;
  }
  if (words.shift() !== 'node') throw new Error(`npm start does not end with a node command: ${script}`);
  return { env, args: words };
}
const launch = startCommand((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start);

const rss = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

async function start(dataDir: string, port: number): Promise<{ server: ChildProcess; seconds: number }> {
  const started = performance.now();
  const server = spawn(process.execPath, launch.args, {
    env: { ...process.env, ...launch.env, ZGSZ_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try { if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) break; } catch { /* not up yet */ }
    if (i > 1200) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  return { server, seconds: (performance.now() - started) / 1000 };
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

/** RSS after the start's own work has settled (the seeded audit entries are chained in the first seconds). */
async function idleRss(pid: number): Promise<number> {
  await new Promise((r) => setTimeout(r, 5000));
  return rss(pid);
}

async function pages(base: string): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    if (!login.ok) throw new Error(`sign-in: ${login.status}`);
    await login.arrayBuffer();
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    for (const path of ['/api/v1/enterprises', '/api/v1/assessment/2022/scores', '/api/v1/dashboard/enterprise-stats']) {
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
      await res.arrayBuffer();
    }
  }
  return (performance.now() - started) / 1000;
}

const line = (label: string, bytes: number) =>
  console.log(`  ${label.padEnd(50)} RSS ${(bytes / MB).toFixed(0).padStart(4)} MB  = ${(bytes / MB / GOAL_MB).toFixed(2)} × 目标 ${GOAL_MB} MB${bytes / MB < GOAL_MB ? '' : '  (超出 over)'}`);

export async function run(): Promise<void> {
  console.log('\n== 内嵌数据库的常驻内存 (memory: RSS of `zgsz serve --demo` on the embedded PGlite) ==');
  console.log(`  npm start 的服务进程 (as npm start runs it): ${Object.entries(launch.env).map(([k, v]) => `${k}=${v} `).join('')}node ${launch.args.join(' ')}`);
  for (const name of ['ZGSZ_PGLITE_SHARED_BUFFERS_MB', 'MALLOC_ARENA_MAX']) {
    if (process.env[name]) console.log(`  ${name}=${process.env[name]}`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'zgsz-memory-bench-'));
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await start(dataDir, port);
    try {
      console.log(`  首次启动(新数据目录:initdb、迁移、演示数据)用时 ${first.seconds.toFixed(1)} s (first start on a new data dir)`);
      line('首次启动、健康检查刚通过 (first start, at the first health check)', rss(first.server.pid!));
      line('首次启动后空闲 (idle after the first start)', await idleRss(first.server.pid!));
      const seconds = await pages(base);
      console.log(`  ${ROUNDS} 轮页面请求(登录、企业列表、2022 考核得分、驾驶舱统计)用时 ${seconds.toFixed(1)} s,${((ROUNDS * 4) / seconds).toFixed(0)} 请求/秒 (${ROUNDS} rounds of 4 requests)`);
      line(`${ROUNDS} 轮请求之后 (after ${ROUNDS} rounds of pages)`, rss(first.server.pid!));
    } finally {
      await stop(first.server);
    }
    const second = await start(dataDir, port);
    try {
      console.log(`  再次启动(已有数据目录)用时 ${second.seconds.toFixed(1)} s (second start on the same data dir)`);
      line('再次启动、健康检查刚通过 (second start, at the first health check)', rss(second.server.pid!));
      line('再次启动后空闲 (idle after the second start)', await idleRss(second.server.pid!));
      await pages(base);
      line(`再次启动、${ROUNDS} 轮请求之后 (second start, after the pages)`, rss(second.server.pid!));
    } finally {
      await stop(second.server);
    }
    console.log('  (时间仅供参考:机器繁忙时不可比 — times are indicative only on a busy machine)');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
