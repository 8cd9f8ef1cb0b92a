#!/usr/bin/env node
// Builds the web app (web/ → web/dist) when web/dist is missing or older than its sources, so
// `npm start` on a fresh clone serves the web app and an edited one serves the latest build.
// `--force` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'web', 'dist', 'index.html');
// The web app also imports these shared modules (role rules, labels), so a change to them rebuilds.
const SOURCES = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'bin/ensure-web.js', 'src/server/access/rules.ts', 'src/domain/actor.ts', 'src/domain/enterprise/chains.ts', 'src/domain/audit/labels.ts', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

export function webIsStale() {
  if (!existsSync(dist)) return 'web/dist 不存在';
  const built = statSync(dist).mtimeMs;
  const changed = SOURCES.find((s) => newest(join(root, s)) > built);
  return changed ? `${changed} 比 web/dist 新` : null;
}

export async function ensureWeb({ force = false } = {}) {
  const reason = force ? '--force' : webIsStale();
  if (!reason) return false;
  console.log(`构建 Web 前端 (${reason}) …`);
  const started = Date.now();
  // Always a production build: Vite keeps an inherited NODE_ENV, and Vitest (whose global setup runs
  // this) sets NODE_ENV=test, which built React's development bundle — slower, and 290 KB instead of
  // 237 KB of JavaScript for the login page.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
  console.log(`Web 前端已构建到 web/dist (${((Date.now() - started) / 1000).toFixed(1)} 秒)`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWeb({ force: process.argv.includes('--force') }).catch((e) => {
    console.error('Web 前端构建失败:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
