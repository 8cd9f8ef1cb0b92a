// Vitest global setup: make sure web/dist holds a build of the current web sources before any test
// file starts a server (the server serves web/dist only if it exists when the app is built), and that
// the browser the e2e files will launch is there — unpacked once here when it comes from
// @sparticuz/chromium, rather than by every test file at once.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromiumExecutable } from './chromium.ts';

export default async function setup(): Promise<void> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['bin/ensure-web.js'], { cwd: root, stdio: 'inherit' });
  const browser = await chromiumExecutable();
  if (browser.source !== 'debian') console.log(`浏览器测试使用 ${browser.source} 的 Chromium:${browser.path}`);
}
