// Runs the real `zgsz` command (bin/zgsz.js) against a scratch database: a PGlite directory, or a
// fresh PostgreSQL database when DATABASE_URL is set.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `zgsz_cli_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
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
