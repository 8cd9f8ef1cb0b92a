// The audit trail against an insider with database access who knows the keyless scheme but not the
// key: every forgery of issue 12 (edit and recompute, delete and recompute, TRUNCATE and reset the
// head, cut the tail and move the head back) is done here with direct SQL, around the triggers as a
// table owner would, and `audit verify` must name the first row that fails.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { cliActor } from '../src/cli/cli-actor.ts';
import { type Database, openDatabase, queryRows } from '../src/db/client.ts';
import { appendAudit, verifyAuditChain } from '../src/db/repositories/audit-repository.ts';
import { auditLog } from '../src/db/schema/audit.ts';
import { type AuditRow, GENESIS_HASH, auditHash } from '../src/domain/audit/hash-chain.ts';
import { verifyAuditLog } from '../src/use-cases/audit/verify-audit-log.ts';
import { login, startTestApp, type TestApp } from './helpers/app.ts';
import { scratchCli } from './helpers/cli.ts';

/** A fresh application with a few audited edits, so each forgery starts from an intact log. */
async function auditedApp(): Promise<TestApp> {
  const t = await startTestApp({ enterprises: 3 });
  const admin = await login(t.app, 'admin');
  const list = (await admin.request('GET', '/api/v1/enterprises')).json() as { items: { id: string; version: number }[] };
  for (const [i, e] of list.items.entries()) {
    const res = await admin.request('PATCH', `/api/v1/enterprises/${e.id}`, { contactName: `联系人${i}`, version: e.version });
    expect(res.statusCode).toBe(200);
  }
  return t;
}

const verify = (t: TestApp) => verifyAuditLog(t.database.db, cliActor(), { checkpointFile: t.app.ctx.config.auditCheckpointFile, now: new Date() });
const maxSeq = async (t: TestApp) => (await queryRows<{ n: number }>(t.database.db, sql`select coalesce(max(seq), 0)::int as n from audit_log`))[0]!.n;

/** Statements as the table owner runs them: with the audit triggers switched off, then on again. */
async function asOwner(db: Database['db'], statements: string[]) {
  const triggers = [['audit_log', 'audit_log_append_only'], ['audit_log', 'audit_log_no_truncate'], ['audit_head', 'audit_head_keyed_from_fixed']];
  for (const [table, trigger] of triggers) await db.execute(sql.raw(`alter table ${table} disable trigger ${trigger}`));
  try {
    for (const s of statements) await db.execute(sql.raw(s));
  } finally {
    for (const [table, trigger] of triggers) await db.execute(sql.raw(`alter table ${table} enable always trigger ${trigger}`));
  }
}

const quote = (v: unknown) => (v === null || v === undefined ? 'null' : `'${String(v).replaceAll("'", "''")}'`);

/**
 * What the insider does after editing: recompute every hash from `fromSeq` on with the keyless
 * SHA-256 (the only scheme they can compute), move the head, and declare the key to start after the
 * end so the rewritten rows would pass as old unkeyed ones.
 */
async function recomputeKeyless(db: Database['db'], fromSeq: number) {
  const rows = (await db.select().from(auditLog).orderBy(asc(auditLog.seq))) as AuditRow[];
  let prev = GENESIS_HASH;
  const statements: string[] = [];
  for (const r of rows) {
    if (r.seq >= fromSeq) {
      const hash = auditHash(prev, r);
      statements.push(`update audit_log set prev_hash = ${quote(prev)}, hash = ${quote(hash)} where seq = ${r.seq}`);
      prev = hash;
    } else prev = r.hash;
  }
  const last = rows.length ? rows[rows.length - 1]!.seq : 0;
  statements.push(`update audit_head set seq = ${last}, hash = ${quote(prev)}, keyed_from = ${last + 1} where id = 1`);
  await asOwner(db, statements);
}

describe('the append-only triggers', () => {
  let t: TestApp;
  beforeAll(async () => { t = await auditedApp(); });
  afterAll(async () => { await t?.close(); });

  it('refuse UPDATE, DELETE and TRUNCATE, also under session_replication_role = replica', async () => {
    const db = t.database.db;
    const before = await maxSeq(t);
    const pending = `insert into audit_pending (at, actor_name, action, entity, result) values (now(), 'x', 'update', 'enterprise', 'ok')`;
    for (const statement of ['update audit_log set actor_name = \'x\' where seq = 1', 'delete from audit_log where seq = 1', 'truncate audit_log', 'truncate audit_pending', 'update audit_pending set actor_name = \'y\'']) {
      for (const replica of [false, true]) {
        // Each attempt in a transaction of its own, with a pending entry to update (rolled back with it).
        const error = await db.transaction(async (tx) => {
          if (replica) await tx.execute(sql`set local session_replication_role = replica`);
          await tx.execute(sql.raw(pending));
          await tx.execute(sql.raw(statement));
        }).then(() => null, (e: unknown) => e as Error & { cause?: Error });
        expect(error?.cause?.message ?? error?.message, `${statement}${replica ? ' (replica)' : ''}`).toMatch(/append-only/);
      }
    }
    const rekey = await db.execute(sql`update audit_head set keyed_from = 99 where id = 1`).then(() => null, (e: unknown) => e as Error & { cause?: Error });
    expect(rekey?.cause?.message).toMatch(/keyed_from never changes/);
    expect(await maxSeq(t)).toBe(before);
    expect((await verify(t)).ok).toBe(true);
  });

  it('the trigger that refuses TRUNCATE has the name a restore disables', async () => {
    const rows = await queryRows<{ tgname: string; tgenabled: string; table: string }>(t.database.db, sql`
      select tgname, tgenabled, tgrelid::regclass::text as table from pg_trigger
      where tgrelid in ('audit_log'::regclass, 'audit_pending'::regclass, 'audit_head'::regclass) and not tgisinternal order by tgname`);
    // 'A': enabled always (also in replica mode).
    expect(rows).toEqual([
      { tgname: 'audit_head_keyed_from_fixed', tgenabled: 'A', table: 'audit_head' },
      { tgname: 'audit_log_append_only', tgenabled: 'A', table: 'audit_log' },
      { tgname: 'audit_log_no_truncate', tgenabled: 'A', table: 'audit_log' },
      { tgname: 'audit_pending_no_truncate', tgenabled: 'A', table: 'audit_pending' },
      { tgname: 'audit_pending_no_update', tgenabled: 'A', table: 'audit_pending' },
    ]);
  });
});

describe('forgeries by an insider without the key', () => {
  let t: TestApp;
  afterAll(async () => { await t?.close(); });

  async function intactWithCheckpoint() {
    await t?.close();
    t = await auditedApp();
    const first = await verify(t);
    expect(first).toMatchObject({ ok: true, problems: [], checkpoints: 0 });
    expect(first.wroteCheckpoint?.seq).toBe(await maxSeq(t));
    // The checkpoint is a signed line in the file outside the database.
    const line = JSON.parse(readFileSync(t.app.ctx.config.auditCheckpointFile, 'utf8').trim().split('\n').pop()!) as Record<string, unknown>;
    expect(line).toMatchObject({ kind: 'checkpoint', seq: await maxSeq(t), keyedFrom: 1, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const second = await verify(t);
    expect(second).toMatchObject({ ok: true, checkpoints: 1 });
    return maxSeq(t);
  }

  it('(a) a row edited and the chain recomputed with the keyless scheme: names the edited row', async () => {
    const n = await intactWithCheckpoint();
    const k = n - 3;
    await asOwner(t.database.db, [`update audit_log set after = '{"contactName":"伪造"}' where seq = ${k}`]);
    await recomputeKeyless(t.database.db, k);
    // From the edited row on, a consistent keyless chain up to the head: what the keyless verifier accepted.
    const rows = (await t.database.db.select().from(auditLog).orderBy(asc(auditLog.seq))) as AuditRow[];
    expect(rows.filter((r) => r.seq >= k).every((r) => r.hash === auditHash(rows[r.seq - 2]!.hash, r) && r.prevHash === rows[r.seq - 2]!.hash)).toBe(true);

    const r = await verify(t);
    expect(r.ok).toBe(false);
    expect(r.firstBadSeq).toBe(k);
    expect(r.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ seq: k, kind: 'altered' }),
      expect.objectContaining({ kind: 'key_start_moved' }),
      expect.objectContaining({ seq: n, kind: 'checkpoint_mismatch' }),
    ]));
    // A failed check writes no checkpoint that would bless the forgery.
    expect(r.wroteCheckpoint).toBeNull();
  });

  it('(b) a row deleted, the rows after it renumbered and the chain recomputed: names the deleted row\'s place', async () => {
    const n = await intactWithCheckpoint();
    const k = n - 2;
    await asOwner(t.database.db, [
      `delete from audit_log where seq = ${k}`,
      `update audit_log set seq = -seq where seq > ${k}`,
      `update audit_log set seq = -seq - 1 where seq < 0`,
    ]);
    await recomputeKeyless(t.database.db, k);
    expect(await maxSeq(t)).toBe(n - 1);
    const r = await verify(t);
    expect(r.ok).toBe(false);
    expect(r.firstBadSeq).toBe(k);
    expect(r.problems).toEqual(expect.arrayContaining([expect.objectContaining({ seq: k, kind: 'altered' }), expect.objectContaining({ kind: 'rows_missing', seq: n })]));
  });

  it('(c) the table truncated and audit_head reset: every row is reported missing from row 1', async () => {
    const n = await intactWithCheckpoint();
    await asOwner(t.database.db, ['truncate audit_log', `update audit_head set seq = 0, hash = 'genesis' where id = 1`]);
    const r = await verify(t);
    expect(r).toMatchObject({ ok: false, count: 0, firstBadSeq: 1 });
    expect(r.problems).toEqual([expect.objectContaining({ seq: 1, kind: 'rows_missing', message: expect.stringContaining(`第 1–${n} 条被删除`) })]);
  });

  it('(d) the tail cut and the head moved back: names the first row cut', async () => {
    const n = await intactWithCheckpoint();
    const m = n - 4;
    const [kept] = await queryRows<{ hash: string }>(t.database.db, sql`select hash from audit_log where seq = ${m}`);
    await asOwner(t.database.db, [`delete from audit_log where seq > ${m}`, `update audit_head set seq = ${m}, hash = ${quote(kept!.hash)} where id = 1`]);
    // Without the checkpoint the log would look whole: the chain is intact up to a head that matches.
    expect((await verifyAuditChain(t.database.db)).problems).toEqual([]);
    const r = await verify(t);
    expect(r).toMatchObject({ ok: false, firstBadSeq: m + 1 });
    expect(r.problems).toEqual([expect.objectContaining({ seq: m + 1, kind: 'rows_missing' })]);
  });

  it('a forged or edited checkpoint line is refused, not trusted', async () => {
    const n = await intactWithCheckpoint();
    const file = t.app.ctx.config.auditCheckpointFile;
    const last = readFileSync(file, 'utf8').trim().split('\n').pop()!;
    writeFileSync(file, `${last.replace(`"seq":${n}`, `"seq":${n - 1}`)}\n`, { flag: 'a' });
    const r = await verify(t);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'checkpoint_invalid', seq: 0 })]);
  });
});

describe('rows written before the chain was keyed', () => {
  let t: TestApp;
  afterAll(async () => { await t?.close(); });

  it('still verify, the rows after the switch are keyed, and they cannot be passed off as unkeyed', async () => {
    t = await auditedApp();
    // As if the log predated the key: every row keyless, the key starting after them (what
    // migration 0010 records on an existing database).
    const legacy = await maxSeq(t);
    await recomputeKeyless(t.database.db, 1);
    const admin = await login(t.app, 'admin');
    const e = ((await admin.request('GET', '/api/v1/enterprises')).json() as { items: { id: string; version: number }[] }).items[0]!;
    expect((await admin.request('PATCH', `/api/v1/enterprises/${e.id}`, { contactName: '密钥之后', version: e.version })).statusCode).toBe(200);
    const first = await verify(t);
    expect(first).toMatchObject({ ok: true, head: { keyedFrom: legacy + 1 } });
    const rows = (await t.database.db.select().from(auditLog).orderBy(asc(auditLog.seq))) as AuditRow[];
    const after = rows.filter((r) => r.seq > legacy);
    expect(after.length).toBeGreaterThan(0);
    for (const r of after) expect(r.hash).not.toBe(auditHash(r.prevHash, r));

    // The downgrade: recompute the keyed rows keyless and move keyed_from past the end.
    await recomputeKeyless(t.database.db, legacy + 1);
    const r = await verify(t);
    expect(r.ok).toBe(false);
    expect(r.firstBadSeq).toBe(legacy + 1);
    expect(r.problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'key_start_moved' }), expect.objectContaining({ seq: legacy + 1, kind: 'altered' })]));
  });
});

describe('hashing exactly what is stored', () => {
  let t: TestApp;
  beforeAll(async () => { t = await auditedApp(); });
  afterAll(async () => { await t?.close(); });

  it('a sign-in attempt whose username holds a lone surrogate leaves the chain verifiable', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a\uD800b', password: 'wrong-password-1' } });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(await verify(t)).toMatchObject({ ok: true, problems: [] });
  });

  it('an entry with lone surrogates and NUL anywhere is stored as the database keeps it and verifies', async () => {
    await t.database.db.transaction((tx) => appendAudit(tx, { userId: null, name: 'a\uD800b\u0000c', ip: '10.0.0.1' }, {
      action: 'login', entity: 'session', entityId: 'x\uDC00', result: 'failed',
      before: { note: 'n\u0000ul' }, after: { 'k\uD801': ['v\uDFFF', { deep: 'ok\uD800' }] },
    }));
    const [row] = await queryRows<{ actor_name: string; entity_id: string; before: unknown; after: unknown }>(t.database.db, sql`select actor_name, entity_id, before, after from audit_log order by seq desc limit 1`);
    expect(row).toEqual({ actor_name: 'a\uFFFDbc', entity_id: 'x\uFFFD', before: { note: 'nul' }, after: { 'k\uFFFD': ['v\uFFFD', { deep: 'ok\uFFFD' }] } });
    expect(await verify(t)).toMatchObject({ ok: true, problems: [] });
  });
});

describe('zgsz audit verify', { timeout: 240_000 }, () => {
  // Every call is a real process (seconds each), so one story: intact, tail cut, restored.
  it('exits 0 on an intact log, 3 naming the first row after the tail is cut, and 0 again after a restore', async () => {
    const cli = await scratchCli();
    try {
      expect((await cli.run(['user', 'create', 'audit.one', '--role', 'finance'], { input: 'Audit#2026abcd\n' })).code).toBe(0);
      const backup = join(mkdtempSync(join(tmpdir(), 'zgsz-audit-backup-')), 'b.zgszbak');
      const backupKey = { ZGSZ_BACKUP_KEY: randomBytes(32).toString('hex') };
      expect((await cli.run(['db', 'backup', backup], { env: backupKey })).code).toBe(0);
      expect((await cli.run(['user', 'disable', 'audit.one'])).code).toBe(0);
      const ok = await cli.run(['audit', 'verify']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('审计日志完好:2 条记录');
      // Each command that appended left a checkpoint beside the data (the backup appended nothing);
      // the clean verification added one more.
      const checkpointFile = join(cli.env.ZGSZ_DATA_DIR!, 'audit-checkpoints.log');
      expect(readFileSync(checkpointFile, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2, 2]);

      const database = await openDatabase({ url: cli.env.DATABASE_URL, dataDir: cli.env.ZGSZ_DATA_DIR });
      try {
        const [kept] = await queryRows<{ hash: string }>(database.db, sql`select hash from audit_log where seq = 1`);
        await asOwner(database.db, ['delete from audit_log where seq > 1', `update audit_head set seq = 1, hash = ${quote(kept!.hash)} where id = 1`]);
      } finally {
        await database.close();
      }
      const bad = await cli.run(['audit', 'verify']);
      expect(bad.code).toBe(3);
      expect(bad.stdout).toContain('第一条有问题的记录:第 2 条');
      expect(bad.stdout).toContain('rows_missing');

      // A restore brings back an older log on purpose: its signed restore point sets aside the
      // checkpoints of the history it replaced.
      const restored = await cli.run(['db', 'restore', backup], { env: backupKey });
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain('审计日志恢复至第 1 条');
      const after = await cli.run(['audit', 'verify', '--json']);
      expect(after.code).toBe(0);
      expect(JSON.parse(after.stdout)).toMatchObject({ ok: true, count: 1, setAside: 3, problems: [] });
    } finally {
      await cli.close();
    }
  });
});
