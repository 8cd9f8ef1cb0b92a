import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { backupDatabase, restoreDatabase } from '../src/db/backup.ts';
import { OpenStream } from '../src/db/backup-cipher.ts';
import { queryRows } from '../src/db/client.ts';
import { verifyAuditChain } from '../src/db/repositories/audit-repository.ts';
import { login, startTestApp, type TestApp } from './helpers/app.ts';
import { scratchCli, type Scratch } from './helpers/cli.ts';

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'zgsz-backup-'));
const key = randomBytes(32);
beforeAll(async () => { t = await startTestApp({ enterprises: 60 }); });
afterAll(async () => { await t?.close(); });

// report_versions: a restore gives every area a version never used before (0014_report_cache), so
// that no instance serves a report it computed before the restore; checked in the first test.
const LIVE = ['sessions', 'login_throttle', 'report_versions'];
const versions = async () => Object.fromEntries((await queryRows<{ area: string; version: string }>(t.database.db, sql`select area, version::text from report_versions`)).map((r) => [r.area, BigInt(r.version)]));

/** Every table's rows as sorted JSON text: equal snapshots mean equal data. */
async function snapshot(except: string[] = []) {
  const tables = await queryRows<{ name: string }>(t.database.db, sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    out[name] = (await queryRows<{ j: string }>(t.database.db, sql.raw(`select row_to_json(x)::text as j from "${name}" x`))).map((r) => r.j).sort();
  }
  return out;
}

const count = async (table: string) => Number((await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from "${table}"`)))[0]!.n);

/** The lines of an encrypted backup, decrypted with the key. */
async function backupLines(file: string): Promise<{ t?: string; tables?: string[] }[]> {
  const chunks: Buffer[] = [];
  for await (const c of Readable.from([readFileSync(file)]).pipe(new OpenStream(key))) chunks.push(c as Buffer);
  return gunzipSync(Buffer.concat(chunks)).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { t?: string; tables?: string[] });
}

describe('zgsz db backup / restore (encrypted)', () => {
  it('round-trips every table but the live sessions exactly; the file reveals nothing; the audit chain still verifies', async () => {
    const admin = await login(t.app, 'admin');
    const list = (await admin.request('GET', '/api/v1/enterprises?pageSize=3')).json() as { items: { id: string; uscc: string; name: string }[] };
    await admin.request('PATCH', `/api/v1/enterprises/${list.items[0]!.id}`, { contactName: '备份前' });
    const before = await snapshot(LIVE);
    const file = join(dir, 'b.zgszbak');
    const counts = await backupDatabase(t.database.db, file, { key });
    expect(counts.enterprises).toBe(60);

    // Neither gzip nor readable: no enterprise's name or code appears in the file.
    const raw = readFileSync(file);
    expect(raw.subarray(0, 8).toString('latin1')).toBe('ZGSZBKUP');
    expect(() => gunzipSync(raw)).toThrow();
    for (const e of list.items) {
      expect(raw.includes(Buffer.from(e.uscc))).toBe(false);
      expect(raw.includes(Buffer.from(e.name))).toBe(false);
    }

    // Change data after the backup: restore must bring back the earlier state.
    await admin.request('PATCH', `/api/v1/enterprises/${list.items[1]!.id}`, { contactName: '备份后' });
    await t.database.db.execute(sql`delete from certifications`);
    expect(await snapshot(LIVE)).not.toEqual(before);

    const versionsBefore = await versions();
    await restoreDatabase(t.database.db, file, { key });
    expect(await snapshot(LIVE)).toEqual(before);
    expect((await verifyAuditChain(t.database.db)).problems).toEqual([]);
    const versionsAfter = await versions();
    expect(Object.keys(versionsAfter).sort()).toEqual(['assessment', 'enterprises']);
    for (const area of ['assessment', 'enterprises']) expect(versionsAfter[area]! > versionsBefore[area]!).toBe(true);
  });

  it('leaves sessions, their CSRF tokens and the sign-in counters out, so a restore signs everybody out', async () => {
    const officer = await login(t.app, 'baoying');
    expect((await officer.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'kunshan', password: 'not-the-password' } });
    expect(wrong.statusCode).toBe(401);
    expect(await count('sessions')).toBeGreaterThan(0);
    expect(await count('login_throttle')).toBeGreaterThan(0);
    const [session] = await queryRows<{ csrf: string }>(t.database.db, sql`select csrf_token as csrf from sessions limit 1`);

    const file = join(dir, 'live.zgszbak');
    const counts = await backupDatabase(t.database.db, file, { key });
    expect(Object.keys(counts)).not.toContain('sessions');
    expect(Object.keys(counts)).not.toContain('login_throttle');
    const lines = await backupLines(file);
    expect(lines[0]!.tables).toContain('enterprises');
    expect(lines[0]!.tables).not.toContain('sessions');
    expect(lines.filter((l) => l.t === 'sessions' || l.t === 'login_throttle')).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain(session!.csrf);

    await restoreDatabase(t.database.db, file, { key });
    expect(await count('sessions')).toBe(0);
    expect(await count('login_throttle')).toBe(0);
    expect((await officer.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login(t.app, 'baoying')).csrf).toBeTruthy();
  });

  it('refuses a backup with one flipped byte, a cut-off tail or appended bytes, and changes nothing', async () => {
    const file = join(dir, 'tamper.zgszbak');
    await backupDatabase(t.database.db, file, { key });
    await login(t.app, 'finance'); // a live session, which a refused restore must not end either
    const before = await snapshot();
    const good = readFileSync(file);
    const variants: [string, Buffer][] = [];
    for (const at of [20, 80, Math.floor(good.length / 2), good.length - 5]) {
      const bad = Buffer.from(good);
      bad[at]! ^= 0x01;
      variants.push([`byte ${at}`, bad]);
    }
    variants.push(['cut', good.subarray(0, good.length - 100)], ['appended', Buffer.concat([good, Buffer.from('\n')])]);
    for (const [what, bytes] of variants) {
      const bad = join(dir, 'bad.zgszbak');
      writeFileSync(bad, bytes);
      await expect(restoreDatabase(t.database.db, bad, { key }), what)
        .rejects.toMatchObject({ code: 'INVALID', field: 'file', message: expect.stringMatching(/校验失败|另一把密钥/) });
      expect(await snapshot(), what).toEqual(before);
    }
  });

  it('refuses the backup under another key, or with no key, and changes nothing', async () => {
    const file = join(dir, 'other-key.zgszbak');
    await backupDatabase(t.database.db, file, { key: randomBytes(32) });
    const before = await snapshot();
    await expect(restoreDatabase(t.database.db, file, { key })).rejects.toMatchObject({ code: 'INVALID', field: 'file', message: expect.stringContaining('另一把密钥') });
    await expect(restoreDatabase(t.database.db, file, { key: null })).rejects.toMatchObject({ code: 'INVALID', field: 'ZGSZ_BACKUP_KEY' });
    expect(await snapshot()).toEqual(before);
  });

  it('restores a plain (unencrypted) backup only when told to, and refuses a file that is not a backup', async () => {
    const plain = join(dir, 'plain.ndjson.gz');
    await backupDatabase(t.database.db, plain, { unencrypted: true });
    expect(gunzipSync(readFileSync(plain)).toString('utf8')).toContain('"format":"zgsz-backup"');
    const before = await snapshot(LIVE);
    await expect(restoreDatabase(t.database.db, plain, { key })).rejects.toMatchObject({ code: 'INVALID', field: 'file', message: expect.stringContaining('未加密') });
    await restoreDatabase(t.database.db, plain, { key, allowUnencrypted: true });
    expect(await snapshot(LIVE)).toEqual(before);

    const bad = join(dir, 'bad.gz');
    writeFileSync(bad, 'not gzip at all');
    const now = await snapshot();
    await expect(restoreDatabase(t.database.db, bad, { key, allowUnencrypted: true })).rejects.toMatchObject({ code: 'INVALID', field: 'file' });
    expect(await snapshot()).toEqual(now);
  });
});

describe('zgsz db backup / restore on the command line', { timeout: 180_000 }, () => {
  let cli: Scratch;
  beforeAll(async () => { cli = await scratchCli(); });
  afterAll(async () => { await cli?.close(); });
  const env = { ZGSZ_BACKUP_KEY: key.toString('base64') };

  it('refuses to back up without ZGSZ_BACKUP_KEY unless --unencrypted, and a malformed key', async () => {
    const file = join(cli.dir, 'nokey.zgszbak');
    const refused = await cli.run(['db', 'backup', file], { env: { ZGSZ_BACKUP_KEY: '' } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('ZGSZ_BACKUP_KEY');
    expect(existsSync(file)).toBe(false);
    const short = await cli.run(['db', 'backup', file], { env: { ZGSZ_BACKUP_KEY: 'abcd' } });
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('ZGSZ_BACKUP_KEY');
    expect(existsSync(file)).toBe(false);
    const dev = await cli.run(['db', 'backup', file, '--unencrypted'], { env: { ZGSZ_BACKUP_KEY: '' } });
    expect(dev.code).toBe(0);
    expect(dev.stdout).toContain('未加密');
  });

  it('restore refuses a tampered backup with a clear message and a non-zero exit, and changes nothing', async () => {
    const file = join(cli.dir, 'b.zgszbak');
    expect((await cli.run(['db', 'backup', file], { env })).code).toBe(0);
    const created = await cli.run(['user', 'create', 'zhang.after', '--role', 'finance'], { input: 'Qw7#Lmn2Rx8$Tp\n' });
    expect(created.code).toBe(0);
    const bytes = readFileSync(file);
    bytes[bytes.length - 30]! ^= 0x01;
    const bad = join(cli.dir, 'bad.zgszbak');
    writeFileSync(bad, bytes);
    const refused = await cli.run(['db', 'restore', bad], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('备份文件校验失败');
    const users = JSON.parse((await cli.run(['user', 'list', '--json'])).stdout) as { username: string }[];
    // Nothing was restored: the account created after the backup is still there (cli.test.ts restores a good file).
    expect(users.map((u) => u.username)).toContain('zhang.after');
  });
});
