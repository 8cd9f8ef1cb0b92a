// Runs the real `zgsz` command (bin/zgsz.js) against a scratch database: a PGlite directory, or a
// fresh PostgreSQL database when DATABASE_URL is set.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/db/client.ts';
import { pgliteTemplate, scratchPostgres } from './db.ts';

export interface CliResult { code: number; stdout: string; stderr: string }

export interface Scratch {
  dir: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], opts?: { env?: NodeJS.ProcessEnv; input?: string }): Promise<CliResult>;
  close(): Promise<void>;
}

/** The business date the demo data is seeded on in the CLI walk-throughs (inside both texts' windows). */
const DEMO_DATE = '2023-06-01';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Node's arguments for a `zgsz` command started by a test. --liftoff-only: V8 keeps PGlite's
 * WebAssembly on its baseline compiler instead of optimising its hot functions in the background,
 * work a command of a second or two never earns back (PGlite opened and queried once: 2.5 → 1.6 s
 * of CPU; three CLI test files: 198 → 161 s of CPU, 2-core machine). What the command does is the
 * same; only the commands the tests start run this way, not the CLI people use.
 */
export const CLI_NODE_ARGS = ['--liftoff-only', 'bin/zgsz.js'];

function runCli(env: NodeJS.ProcessEnv, args: string[], input = ''): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [...CLI_NODE_ARGS, ...args], { cwd: ROOT, env, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

/** Runs `zgsz db seed` with the demo business date in this environment's database. */
async function seedDemoData(env: NodeJS.ProcessEnv): Promise<void> {
  const seeded = await runCli({ ...env, ZGSZ_BUSINESS_DATE: DEMO_DATE }, ['db', 'seed']);
  if (seeded.code !== 0) throw new Error(`zgsz db seed failed (${seeded.code}): ${seeded.stderr}`);
}

/**
 * A data folder (the PGlite cluster, evidence files and audit checkpoints) holding what
 * `zgsz db seed` writes on DEMO_DATE, made by that command once per version of the sources and kept
 * in the temporary folder: seeding the demo data through the CLI took 10–20 s of each walk-through
 * file that needed it. Built in a folder of its own and renamed into place whole, so a file starting
 * beside this one never copies half of it.
 */
async function demoDataTemplate(): Promise<string> {
  // The lock file stands for the packages' versions (PGlite's among them: its data folder format).
  const hash = createHash('sha256').update(process.env.ZGSZ_AUDIT_KEY ?? '').update(DEMO_DATE).update(readFileSync(join(ROOT, 'package-lock.json')));
  for (const top of ['src', 'drizzle', 'policies']) {
    for (const name of readdirSync(join(ROOT, top), { recursive: true }).map(String).sort()) {
      const file = join(ROOT, top, name);
      if (statSync(file).isFile()) hash.update(name).update(readFileSync(file));
    }
  }
  const dir = join(tmpdir(), `zgsz-cli-demo-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(dir)) return dir;
  const staging = mkdtempSync(join(tmpdir(), 'zgsz-cli-demo-build-'));
  try {
    await (await openDatabase({ dataDir: join(staging, 'data'), template: await pgliteTemplate() })).close();
    await seedDemoData({ ...process.env, ZGSZ_DATA_DIR: join(staging, 'data') });
    renameSync(staging, dir);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    // Another file finished the same folder first: theirs is used.
    if (!existsSync(dir)) throw e;
  }
  return dir;
}

/**
 * A scratch database for the real `zgsz` command: empty (migrated), or with `demo` the demo data
 * as `zgsz db seed` writes it on DEMO_DATE (on PostgreSQL seeded by that command there and then).
 */
export async function scratchCli(options: { demo?: boolean } = {}): Promise<Scratch> {
  const dir = mkdtempSync(join(tmpdir(), 'zgsz-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, ZGSZ_DATA_DIR: join(dir, 'data') };
  let drop = async () => {};
  if (process.env.DATABASE_URL) {
    const scratch = await scratchPostgres(process.env.DATABASE_URL, 'zgsz_cli');
    env.DATABASE_URL = scratch.url;
    drop = scratch.drop;
    if (options.demo) await seedDemoData(env);
  } else if (options.demo) {
    cpSync(join(await demoDataTemplate(), 'data'), env.ZGSZ_DATA_DIR!, { recursive: true });
  } else {
    // The data folder starts as the migrated template (as each in-process test database does): the
    // first command would otherwise spend 6 s on initdb and every migration.
    await (await openDatabase({ dataDir: env.ZGSZ_DATA_DIR!, template: await pgliteTemplate() })).close();
  }
  return {
    dir,
    env,
    run: (args, opts = {}) => runCli({ ...env, ...opts.env }, args, opts.input ?? ''),
    // The folder holds a whole PGlite cluster (about 60 MB): not left behind by every run.
    close: async () => {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
