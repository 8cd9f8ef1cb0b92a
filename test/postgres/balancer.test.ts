// Issue 11 item 4: several instances behind a balancer survive losing one. Two `zgsz serve`
// instances on one PostgreSQL database — A with `--workers 2`, B a single process — behind HAProxy
// configured by deploy/haproxy.cfg as shipped (only its bind address and server lines replaced).
// A killed worker is replaced by A's primary; a steady load of signed-in reads through HAProxy
// loses no request when A is stopped mid-load, and the session cookie keeps working on B.
// Needs /usr/sbin/haproxy (Debian's package; .ci/run installs it).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { DEMO_PASSWORD, seedDemo, seedRegions } from '../../src/db/seed/seed.ts';
import { scratchPostgres } from '../helpers/db.ts';

const HAPROXY = '/usr/sbin/haproxy';
let scratch: { url: string; drop: () => Promise<void> };
const children: ChildProcess[] = [];
let a: { child: ChildProcess; port: number };
let b: { child: ChildProcess; port: number };
let balancer: string;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

/** The pid that answered a health check on a new connection (the cluster hands each connection to one worker). */
function healthPid(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/api/v1/health', agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(Number(res.headers['x-zgsz-pid'])) : reject(new Error(`health ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error('health check timed out')));
    req.on('error', reject);
  });
}

async function startServe(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'zgsz-lb-'));
  // Each instance has its own data folder (its checkpoint file), as on separate machines.
  const child = spawn(process.execPath, ['bin/zgsz.js', 'serve', ...args], {
    env: { ...process.env, DATABASE_URL: scratch.url, PORT: String(port), LOG_LEVEL: 'warn', ZGSZ_BUSINESS_DATE: '2023-06-01', ZGSZ_DATA_DIR: dir, ZGSZ_WORKERS: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (c: Buffer) => { err += c.toString('utf8'); });
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`serve ${args.join(' ')} exited ${child.exitCode}: ${err}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return { child, port };
    } catch { /* not up yet */ }
    await sleep(250);
  }
  throw new Error(`serve on ${port} did not start: ${err}`);
}

beforeAll(async () => {
  scratch = await scratchPostgres(process.env.DATABASE_URL!, 'zgsz_lb');
  const database = await openDatabase({ url: scratch.url, poolSize: 2 });
  await migrateDatabase(database);
  await seedRegions(database.db);
  await seedDemo(database.db, 30);
  await database.close();
  [a, b] = await Promise.all([startServe(['--workers', '2']), startServe(['--workers', '1'])]);
  const port = await freePort();
  const config = readFileSync('deploy/haproxy.cfg', 'utf8')
    .replace(/^(\s*)bind .*$/m, `$1bind 127.0.0.1:${port}`)
    .replace(/^(\s*)server app1 .*$/m, `$1server a 127.0.0.1:${a.port} check`)
    .replace(/^(\s*)server app2 .*$/m, `$1server b 127.0.0.1:${b.port} check`);
  expect(config).toContain(`server b 127.0.0.1:${b.port}`);
  const file = join(mkdtempSync(join(tmpdir(), 'zgsz-haproxy-')), 'haproxy.cfg');
  writeFileSync(file, config);
  const haproxy = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(haproxy);
  let err = '';
  haproxy.stderr!.on('data', (c: Buffer) => { err += c.toString('utf8'); });
  balancer = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 40; i++) {
    try {
      if ((await fetch(`${balancer}/api/v1/health`)).ok) return;
    } catch { /* not up yet */ }
    await sleep(100);
  }
  throw new Error(`haproxy did not start: ${err}`);
}, 90_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map(exited));
  await scratch?.drop();
});

describe('two instances behind HAProxy on one PostgreSQL database', () => {
  it('serve --workers 2: two worker processes answer (never the primary), and a killed worker is replaced', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 40 && seen.size < 2; i++) seen.add(await healthPid(a.port));
    expect(seen.size).toBe(2);
    expect(seen.has(a.child.pid!)).toBe(false);
    const [victim, survivor] = [...seen] as [number, number];
    process.kill(victim, 'SIGKILL');
    // The replacement starts after a short backoff; until then the survivor answers everything.
    const killedAt = performance.now();
    const answers: string[] = [];
    let replacement: number | null = null;
    while (replacement === null && performance.now() - killedAt < 60_000) {
      const pid = await healthPid(a.port).catch((e: unknown) => String(e));
      answers.push(String(pid));
      if (typeof pid === 'number' && pid !== survivor) replacement = pid;
      else await sleep(250);
    }
    console.log(`worker ${victim} killed; replacement ${replacement} answered after ${((performance.now() - killedAt) / 1000).toFixed(1)} s`, answers.filter((x) => !/^\d+$/.test(x)).slice(0, 5));
    expect(alive(victim)).toBe(false);
    expect(replacement).not.toBeNull();
    expect(replacement).not.toBe(victim);
    expect(alive(replacement!)).toBe(true);
  }, 90_000);

  it('an instance stopped (SIGTERM) mid-load loses no signed-in read, and the session works on the survivor', async () => {
    const login = await fetch(`${balancer}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    // Sessions live in PostgreSQL: the cookie from whichever instance signed in works on both.
    for (const port of [a.port, b.port]) expect((await fetch(`http://127.0.0.1:${port}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(200);
    const list = (await (await fetch(`${balancer}/api/v1/enterprises?pageSize=20`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    expect(list.items.length).toBe(20);

    // 100 requests/s for 5 s, evenly paced, whatever the answers take; A gets SIGTERM after 1.5 s.
    const paths = ['/api/v1/auth/me', '/api/v1/enterprises?pageSize=20', ...list.items.map((e) => `/api/v1/enterprises/${e.id}`)];
    const statuses: (number | string)[] = [];
    const sent: Promise<void>[] = [];
    const start = performance.now();
    const aStopped = exited(a.child);
    for (let i = 0; i < 500; i++) {
      const wait = start + i * 10 - performance.now();
      if (wait > 0) await sleep(wait);
      if (i === 150) a.child.kill('SIGTERM');
      sent.push(fetch(balancer + paths[i % paths.length]!, { headers: { cookie } })
        .then(async (r) => { await r.arrayBuffer(); statuses.push(r.status); })
        .catch((e: unknown) => { statuses.push(`${String(e)} ${String((e as { cause?: unknown }).cause)}`); }));
    }
    await Promise.all(sent);
    // A stopped by itself (drained, exit 0) while the load was still running.
    expect(await Promise.race([aStopped, sleep(15_000).then(() => 'still running')])).toBe(0);
    const failed = statuses.filter((s) => s !== 200);
    console.log(`500 signed-in reads through HAProxy, one of two instances stopped mid-load: ${500 - failed.length} answered 200, ${failed.length} failed`, failed.slice(0, 5));
    expect(statuses.length).toBe(500);
    expect(failed).toEqual([]);

    // The same session, through the balancer (now only B) and on B directly.
    const me = await fetch(`${balancer}/api/v1/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('admin');
    expect((await fetch(`http://127.0.0.1:${b.port}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(200);
  }, 60_000);
});
