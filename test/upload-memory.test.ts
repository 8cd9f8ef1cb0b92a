// The attack, measured from outside a server process with the default limits: the file of
// millions of invalid rows (its sizes understated, so it must be stopped while it unpacks) and the
// file of 45 million shared strings, one after the other and then both at once, sent by a region
// officer. The server's resident memory may grow by less than 512 MB (on PGlite the embedded
// database alone holds several hundred MB before any upload, so growth is what is bounded), every
// upload is refused with its limit named, and the health check keeps answering meanwhile. Timings
// are printed, not asserted: `npm run bench -- uploads` reports them against their goals.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/db/seed/seed.ts';
import { XLSX_MIME } from '../src/server/routes/enterprises.ts';
import { COLUMNS } from '../src/use-cases/enterprises/enterprise-columns.ts';
import { invalidRowsSheet, sharedStringsBomb, workbookParts, zipFile } from './helpers/xlsx-bombs.ts';

const MB = 1024 * 1024;
let server: ChildProcess;
let base = '';

beforeAll(async () => {
  server = spawn(process.execPath, ['bin/run-ts.js', 'test/helpers/upload-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once('line', resolve);
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  base = `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
}, 120_000);
afterAll(async () => {
  if (server?.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
});

const status = (pid: number) => readFileSync(`/proc/${pid}/status`, 'utf8');
const kb = (text: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024;

it('refuses the hostile workbooks with the server growing by less than 512 MB, answering health checks throughout', async () => {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'baoying', password: DEMO_PASSWORD }) });
  const headers = { cookie: login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken, 'content-type': XLSX_MIME };
  const send = async (file: Buffer) => {
    const res = await fetch(`${base}/api/v1/enterprises/import`, { method: 'POST', headers, body: file });
    return { status: res.status, body: (await res.json()) as { details?: { limit?: string } } };
  };
  const headersRow = COLUMNS.map((c) => c.header);
  const rowsBomb = zipFile(workbookParts(invalidRowsSheet(headersRow, 5_000_000), { sheetDeclared: 150 * MB }));
  const stringsBomb = zipFile(workbookParts(invalidRowsSheet(headersRow, 10), { shared: sharedStringsBomb(45_000_000), sharedDeclared: 100 * MB }));

  // Warm up (code loaded, first allocations made), then measure from here.
  await send(zipFile(workbookParts(invalidRowsSheet(headersRow, 100))));
  const pid = server.pid!;
  const baseline = kb(status(pid), 'VmRSS');
  let hwmReset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets the peak (VmHWM) to the current size
  } catch {
    hwmReset = false;
  }
  let sampledPeak = baseline;
  const sampler = setInterval(() => { sampledPeak = Math.max(sampledPeak, kb(status(pid), 'VmRSS')); }, 20);
  const health: { status: number; ms: number }[] = [];
  let done = false;
  const pinging = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/health`);
      await res.arrayBuffer();
      health.push({ status: res.status, ms: performance.now() - started });
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  const started = performance.now();
  const rows = await send(rowsBomb);
  const strings = await send(stringsBomb);
  const both = await Promise.all([send(rowsBomb), send(stringsBomb)]);
  const seconds = (performance.now() - started) / 1000;
  done = true;
  await pinging;
  clearInterval(sampler);
  const peak = Math.max(sampledPeak, hwmReset ? kb(status(pid), 'VmHWM') : 0);

  const sorted = health.map((h) => h.ms).sort((a, b) => a - b);
  console.log(`上传炸弹:基线 RSS ${(baseline / MB).toFixed(0)} MB,峰值 ${(peak / MB).toFixed(0)} MB,增长 ${((peak - baseline) / MB).toFixed(0)} MB(目标 < 512 MB);` +
    `用时 ${seconds.toFixed(1)} s;健康检查 ${health.length} 次,p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms,最大 ${sorted.at(-1)?.toFixed(0)} ms`);
  for (const r of [rows, both[0]]) expect(r).toMatchObject({ status: 413, body: { details: { limit: 'rows' } } });
  for (const r of [strings, both[1]]) expect(r).toMatchObject({ status: 413, body: { details: { limit: 'sharedStrings' } } });
  expect(peak - baseline).toBeLessThan(512 * MB);
  expect(health.length).toBeGreaterThan(0);
  expect(health.every((h) => h.status === 200)).toBe(true);
}, 180_000);
