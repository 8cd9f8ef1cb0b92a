// Vitest global setup: make sure web/dist holds a build of the current web sources before any test
// file starts a server (the server serves web/dist only if it exists when the app is built), and that
// the browser the e2e files will launch is there — unpacked once here when it comes from
// @sparticuz/chromium, rather than by every test file at once. It also bundles the command line
// once for the run (test/helpers/cli-bundle.ts): the test files, started after this, inherit
// ZGSZ_CLI_BUNDLE, and so does every `zgsz` they start.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildCliBundle } from '../helpers/cli-bundle.ts';
import { chromiumExecutable } from './chromium.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['bin/ensure-web.js'], { cwd: root, stdio: 'inherit' });
  const browser = await chromiumExecutable();
  if (browser.source !== 'debian') console.log(`浏览器测试使用 ${browser.source} 的 Chromium:${browser.path}`);
  const cli = await buildCliBundle();
  process.env.ZGSZ_CLI_BUNDLE = cli.entry;
  return cli.remove;
}
