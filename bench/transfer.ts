// What the login page costs on the wire: the built web app served by the real server (in process, on
// an empty in-memory database), the page's JavaScript — the entry script and every module it imports
// statically, which index.html also preloads — fetched as a browser would with
// `Accept-Encoding: br, gzip`, then with gzip only and uncompressed. Goal: ≤ 250 KB of JavaScript.
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/env.ts';
import { migrateDatabase, openDatabase } from '../src/db/client.ts';
import { buildApp } from '../src/server/app.ts';

const GOAL = 250 * 1024;

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

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<void> {
  console.log('\n== 登录页传输量 (login page transfer: JavaScript with br, gzip) ==');
  execFileSync(process.execPath, ['bin/ensure-web.js'], { stdio: 'inherit' });
  const database = await openDatabase({});
  await migrateDatabase(database);
  const app = await buildApp({ database, config: loadConfig() });
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
  } finally {
    await app.close();
    await database.close();
  }
}
