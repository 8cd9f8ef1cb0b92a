// What the login page costs on the wire: the built web app served by the real server (in process, on
// an empty in-memory database), the page's JavaScript — the entry script and every module it imports
// statically, which index.html also preloads — fetched as a browser would with
// `Accept-Encoding: br, gzip`, then with gzip only and uncompressed. Goal: ≤ 250 KB of JavaScript.
// Then the director's dashboard as Chromium loads it after signing in (the lazily loaded pages,
// charts and the district map included): the JavaScript bytes on the wire. Goal: ≤ 600 KB.
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/env.ts';
import { chromium, type Page } from 'playwright-core';
import { migrateDatabase, openDatabase } from '../src/db/client.ts';
import { DEMO_PASSWORD, seedDemo, seedRegions } from '../src/db/seed/seed.ts';
import { buildApp } from '../src/server/app.ts';
import { CHROMIUM_ARGS, chromiumExecutable } from '../test/e2e/chromium.ts';

const GOAL = 250 * 1024;
const DASHBOARD_GOAL = 600 * 1024;

/** Bytes on the wire for one GET (the body as sent, before any decoding) and its encoding. */
function get(base: string, path: string, acceptEncoding: string): Promise<{ status: number; bytes: number; encoding: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: body.length, encoding: String(res.headers['content-encoding'] ?? 'identity'), body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The entry script and everything it imports statically (index.html's modulepreload list, and the imports themselves). */
async function loginScripts(base: string): Promise<string[]> {
  const html = (await get(base, '/login', 'identity')).body.toString('utf8');
  const queue = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const code = (await get(base, url, 'identity')).body.toString('utf8');
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` loads later.
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      queue.push(new URL(m[1]!, `http://x${url}`).pathname);
    }
  }
  return [...seen];
}

/** Resolves once no request has been in flight for `ms` milliseconds. */
async function quiet(page: Page, ms: number): Promise<void> {
  let inFlight = 0;
  let last = Date.now();
  const start = () => { inFlight++; last = Date.now(); };
  const end = () => { inFlight--; last = Date.now(); };
  page.on('request', start);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  try {
    while (inFlight > 0 || Date.now() - last < ms) await page.waitForTimeout(100);
  } finally {
    page.off('request', start);
    page.off('requestfinished', end);
    page.off('requestfailed', end);
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<void> {
  console.log('\n== 登录页传输量 (login page transfer: JavaScript with br, gzip) ==');
  execFileSync(process.execPath, ['bin/ensure-web.js'], { stdio: 'inherit' });
  const database = await openDatabase({});
  await migrateDatabase(database);
  // The demo's business date, inside both texts' windows, so the dashboard shows what a demo shows.
  const app = await buildApp({ database, config: { ...loadConfig(), businessDate: '2023-06-01' } });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const scripts = await loginScripts(base);
    const totals = { br: 0, gzip: 0, identity: 0 };
    const encodings = new Set<string>();
    for (const url of scripts) {
      const br = await get(base, url, 'br, gzip');
      if (br.status !== 200) throw new Error(`${url}: HTTP ${br.status}`);
      encodings.add(br.encoding);
      totals.br += br.bytes;
      totals.gzip += (await get(base, url, 'gzip')).bytes;
      totals.identity += (await get(base, url, 'identity')).bytes;
    }
    const asset = await app.inject({ method: 'GET', url: scripts[0]! });
    console.log(`JavaScript 文件 ${scripts.length} 个 (files)`);
    console.log(`  br, gzip 传输   ${kb(totals.br).padStart(10)}   (transferred, encodings: ${[...encodings].join(', ')})`);
    console.log(`  仅 gzip 传输    ${kb(totals.gzip).padStart(10)}`);
    console.log(`  不压缩          ${kb(totals.identity).padStart(10)}`);
    console.log(`  目标 (goal)     ${kb(GOAL).padStart(10)}   ${totals.br <= GOAL ? '达标 (met)' : '未达标 (NOT met)'}`);
    console.log(`  Cache-Control (assets): ${String(asset.headers['cache-control'])}`);
    await dashboardTransfer(base, database);
  } finally {
    await app.close();
    await database.close();
  }
}

/** The director (admin) signs in and the dashboard renders with its map: JavaScript bytes as received. */
async function dashboardTransfer(base: string, database: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  console.log('\n== 首页看板传输量 (the director\'s dashboard after sign-in, in Chromium: JavaScript received) ==');
  await seedRegions(database.db);
  await seedDemo(database.db);
  const browser = await chromium.launch({ executablePath: (await chromiumExecutable()).path, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    const sizes: Promise<number>[] = [];
    let files = 0;
    page.on('requestfinished', (req) => {
      if (!new URL(req.url()).pathname.endsWith('.js')) return;
      files++;
      sizes.push(req.sizes().then((s) => s.responseBodySize));
    });
    await page.goto(`${base}/login`);
    await page.locator('#login-username').fill('admin');
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=dashboard]').waitFor();
    // Signing in is a client-side navigation: the login page's document already reached
    // 'networkidle', so waiting for that state again returns at once and missed what loads later
    // (the district map's outlines). Wait for the map to be drawn and the network to be quiet.
    await page.locator('[data-testid=chart-map] canvas').waitFor();
    await quiet(page, 1000);
    const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    console.log(`JavaScript 文件 ${files} 个 (files, login page included)`);
    console.log(`  传输 (br)       ${kb(total).padStart(10)}`);
    console.log(`  目标 (goal)     ${kb(DASHBOARD_GOAL).padStart(10)}   ${total <= DASHBOARD_GOAL ? '达标 (met)' : '未达标 (NOT met)'};比值 ${(total / DASHBOARD_GOAL).toFixed(2)}`);
  } finally {
    await browser.close();
  }
}
