// `zgsz serve --workers N` and graceful shutdown (issue 11 item 4). How many processes serve: the
// number of cores on PostgreSQL, one on embedded PGlite, which refuses more with a message naming
// the setting. A stopped instance fails its health check while it drains, refuses new connections,
// and still answers a request that was in flight when SIGTERM came.
// The cluster itself (two workers answer, a killed one is replaced) and the balancer are in
// test/postgres/balancer.test.ts: they need PostgreSQL.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../src/domain/errors.ts';
import { resolveWorkers } from '../src/server/cluster.ts';
import { scratchPostgres } from './helpers/db.ts';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => { for (const drop of drops) await drop(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function refusal(f: () => unknown): { field?: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('INVALID');
    return { field: (e as DomainError).field, message: (e as DomainError).message };
  }
  throw new Error('not refused');
}

describe('how many processes serve', () => {
  it('PostgreSQL: the option, else ZGSZ_WORKERS, else the number of cores', () => {
    expect(resolveWorkers({ postgres: true, cores: 2 })).toBe(2);
    expect(resolveWorkers({ postgres: true, cores: 8 })).toBe(8);
    expect(resolveWorkers({ postgres: true, env: '3', cores: 8 })).toBe(3);
    expect(resolveWorkers({ option: '1', env: '3', postgres: true, cores: 8 })).toBe(1);
    expect(resolveWorkers({ postgres: true, env: '', cores: 4 })).toBe(4); // set but empty: the default
  });

  it('embedded PGlite: one process, and more is refused naming the setting', () => {
    expect(resolveWorkers({ postgres: false, cores: 8 })).toBe(1);
    expect(resolveWorkers({ option: '1', postgres: false })).toBe(1);
    const option = refusal(() => resolveWorkers({ option: '2', postgres: false }));
    expect(option.field).toBe('workers');
    expect(option.message).toContain('--workers 只能为 1');
    expect(option.message).toContain('DATABASE_URL');
    expect(refusal(() => resolveWorkers({ env: '4', postgres: false })).field).toBe('ZGSZ_WORKERS');
  });

  it('a count that is not an integer from 1 to 64 is refused', () => {
    for (const bad of ['0', '65', 'two', '1.5', '-1']) {
      const r = refusal(() => resolveWorkers({ option: bad, postgres: true }));
      expect(r.field).toBe('workers');
      expect(r.message).toContain(`"${bad}"`);
    }
    expect(refusal(() => resolveWorkers({ env: 'x', postgres: true })).field).toBe('ZGSZ_WORKERS');
  });

  it('zgsz serve --workers 2 without DATABASE_URL stops before opening the embedded database', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'zgsz-workers-')), 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, ZGSZ_DATA_DIR: dataDir, PORT: '0' };
    delete env.DATABASE_URL;
    delete env.ZGSZ_WORKERS;
    const child = spawn(process.execPath, ['bin/zgsz.js', 'serve', '--workers', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(err).toContain('字段 workers');
    expect(err).toContain('PGlite');
    expect(existsSync(dataDir)).toBe(false);
  });
});

/** Reads one HTTP response from a raw socket: its status and body (the server closes the connection). */
function response(socket: Socket): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    let raw = '';
    socket.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    socket.on('error', reject);
    socket.on('close', () => {
      const m = /^HTTP\/1\.1 (\d{3})([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(raw);
      if (m) resolve({ status: Number(m[1]), head: m[2]!, body: m[3]! });
      else reject(new Error(`no HTTP response: ${JSON.stringify(raw)}`));
    });
  });
}

describe('graceful shutdown of one instance', { timeout: 180_000 }, () => {
  it('on SIGTERM: health 503 while draining, new connections refused, the request in flight answered, then exit 0', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ZGSZ_DRAIN_SECONDS: '2', ZGSZ_WORKERS: '1', ZGSZ_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'zgsz-drain-')), 'data') };
    if (process.env.DATABASE_URL) {
      const scratch = await scratchPostgres(process.env.DATABASE_URL, 'zgsz_drain');
      env.DATABASE_URL = scratch.url;
      drops.push(scratch.drop);
    }
    const child = spawn(process.execPath, ['bin/zgsz.js', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { out += c.toString('utf8'); });
    const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    for (let i = 0; i < 600 && !/已启动: http:\/\/[\d.]+:\d+/.test(out); i++) {
      if (child.exitCode !== null) throw new Error(`serve exited: ${out}`);
      await sleep(200);
    }
    const port = Number(/已启动: http:\/\/[\d.]+:(\d+)/.exec(out)![1]);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);

    // A sign-in whose body is still arriving when SIGTERM comes.
    const body = JSON.stringify({ username: 'nobody-here', password: 'not-the-password-1A!' });
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const answer = response(socket);
    socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`);
    await sleep(300);
    child.kill('SIGTERM');
    await sleep(300);

    // Draining (ZGSZ_DRAIN_SECONDS=2): still accepting, but the health check tells a balancer to stop sending.
    const health = await fetch(`${base}/api/v1/health`, { headers: { connection: 'close' } }).catch((e: unknown) => e);
    expect(health).toBeInstanceOf(Response);
    expect((health as Response).status).toBe(503);
    expect(((await (health as Response).json()) as { code: string }).code).toBe('DRAINING');

    // After the drain: no new connection is accepted, yet the process waits for the request in flight.
    await sleep(2_500);
    const refused = await fetch(`${base}/api/v1/health`, { headers: { connection: 'close' } }).then((r) => r.status, (e: unknown) => String((e as { cause?: { code?: string } }).cause?.code));
    expect(refused).toBe('ECONNREFUSED');
    expect(child.exitCode).toBeNull();

    socket.write(body.slice(10));
    const res = await answer;
    // A complete answer from the application (no such user), not a reset connection.
    expect(res.status).toBe(401);
    expect((JSON.parse(res.body) as { code: string }).code).toBe('UNAUTHENTICATED');
    // Its connection is closed with it (not kept alive, which would hold the exit for Fastify's 72 s).
    expect(res.head).toMatch(/\r\nconnection: close/i);
    expect(await Promise.race([exit, sleep(20_000).then(() => 'still running 20 s after the last answer')])).toBe(0);
  });
});
