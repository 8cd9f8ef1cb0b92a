// Runs the real `zgsz` command (bin/zgsz.js) against a scratch database: a PGlite directory, or a
// fresh PostgreSQL database when DATABASE_URL is set.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/client.ts';
import { pgliteTemplate, scratchPostgres } from './db.ts';

export interface CliResult { code: number; stdout: string; stderr: string }

export interface Scratch {
  dir: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], opts?: { env?: NodeJS.ProcessEnv; input?: string }): Promise<CliResult>;
  close(): Promise<void>;
}

export async function scratchCli(): Promise<Scratch> {
  const dir = mkdtempSync(join(tmpdir(), 'zgsz-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, ZGSZ_DATA_DIR: join(dir, 'data') };
  let drop = async () => {};
  if (process.env.DATABASE_URL) {
    const scratch = await scratchPostgres(process.env.DATABASE_URL, 'zgsz_cli');
    env.DATABASE_URL = scratch.url;
    drop = scratch.drop;
  } else {
    // The data folder starts as the migrated template (as each in-process test database does): the
    // first command would otherwise spend 6 s on initdb and every migration.
    await (await openDatabase({ dataDir: env.ZGSZ_DATA_DIR!, template: await pgliteTemplate() })).close();
  }
  return {
    dir,
    env,
    run: (args, opts = {}) => new Promise((resolve) => {
      const child = execFile(process.execPath, ['bin/zgsz.js', ...args], { env: { ...env, ...opts.env }, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      });
      child.stdin?.end(opts.input ?? '');
    }),
    close: drop,
  };
}
