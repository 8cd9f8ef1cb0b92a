// Which Chromium the browser tests launch: CHROMIUM_PATH, else Debian's /usr/bin/chromium (CI, with
// fonts-noto-cjk so that screenshots show Chinese), else the one the @sparticuz/chromium
// devDependency carries, so that the README's `npm test` passes on a fresh machine without apt-get.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Headless in a container: no sandbox, no GPU, no background traffic. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export interface ChromiumChoice {
  path: string;
  source: 'CHROMIUM_PATH' | 'debian' | '@sparticuz/chromium';
}

/** ZGSZ_E2E_FORCE_SPARTICUZ=1 skips the installed browsers, to try the fresh-machine path here. */
export async function chromiumExecutable(): Promise<ChromiumChoice> {
  const forced = process.env.ZGSZ_E2E_FORCE_SPARTICUZ === '1';
  const fromEnv = process.env.CHROMIUM_PATH;
  if (!forced && fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`找不到 Chromium:CHROMIUM_PATH=${fromEnv}`);
    return { path: fromEnv, source: 'CHROMIUM_PATH' };
  }
  if (!forced && existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'debian' };
  return { path: await unpackSparticuz(), source: '@sparticuz/chromium' };
}

/**
 * @sparticuz/chromium unpacks its browser (about 190 MB, 2 s) straight into the temporary directory
 * and reuses any file already named `chromium` there, so test files starting side by side could
 * launch a half-written one, and an interrupted run would leave one behind for good. It unpacks
 * instead into a fresh directory, renamed into place whole (rename is atomic; a loser of the race
 * drops its copy). The browser's own libraries and fonts sit beside it.
 */
async function unpackSparticuz(): Promise<string> {
  const pkg = fileURLToPath(new URL('../../node_modules/@sparticuz/chromium/package.json', import.meta.url));
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
  const dir = join(tmpdir(), `zgsz-chromium-${version}`);
  const executable = join(dir, 'chromium');
  if (existsSync(executable)) return executable;
  const staging = mkdtempSync(join(tmpdir(), 'zgsz-chromium-unpack-'));
  const saved = process.env.TMPDIR;
  // The package asks os.tmpdir() where to unpack, and that reads TMPDIR on every call.
  process.env.TMPDIR = staging;
  try {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    const unpacked = await sparticuz.executablePath();
    if (unpacked !== join(staging, 'chromium')) throw new Error(`@sparticuz/chromium 解压到了意外的位置:${unpacked}`);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  try {
    renameSync(staging, dir);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(executable)) throw e;
  }
  return executable;
}
