// No password is printed unless the server runs with --demo: on an empty database `zgsz serve` says
// how to create the first administrator (the password from ZGSZ_PASSWORD or stdin), not a password.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/db/seed/seed.ts';
import { scratchPostgres } from './helpers/db.ts';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => { for (const drop of drops) await drop(); });

/** Starts `zgsz serve` on an empty database and returns what it printed once it is up. */
async function serveOutput(args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', ZGSZ_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'zgsz-serve-')), 'data') };
  if (process.env.DATABASE_URL) {
    const scratch = await scratchPostgres(process.env.DATABASE_URL, 'zgsz_serve');
    env.DATABASE_URL = scratch.url;
    drops.push(scratch.drop);
  }
  const child = spawn(process.execPath, ['bin/zgsz.js', 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 120_000);
      const read = (chunk: Buffer) => {
        out += chunk.toString('utf8');
        // The last line it prints once listening.
        if (/API 文档[^\n]*\n[\s\S]*(zgsz user create|演示账号)[^\n]*\n/.test(out)) {
          clearTimeout(timer);
          resolve(out);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', (c: Buffer) => { out += c.toString('utf8'); });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
  } finally {
    child.kill('SIGTERM');
  }
}

describe('zgsz serve output', { timeout: 180_000 }, () => {
  it('without --demo on an empty database: where the first administrator\'s password comes from, and no password', async () => {
    const out = await serveOutput([]);
    expect(out).toContain('ZGSZ_PASSWORD=');
    expect(out).toContain('npx zgsz user create admin --role city_admin');
    expect(out).not.toContain(DEMO_PASSWORD);
    expect(out).not.toMatch(/password[: ]+[^\s<]*\d/i);
  });
});
