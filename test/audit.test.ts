import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { verifyAuditChain } from '../src/db/repositories/audit-repository.ts';
import { login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 5 });
  const admin = await login(t.app, 'admin');
  const list = (await admin.request('GET', '/api/v1/enterprises')).json() as { items: { id: string; version: number }[] };
  for (const [i, e] of list.items.entries()) await admin.request('PATCH', `/api/v1/enterprises/${e.id}`, { contactName: `联系人${i}`, version: e.version });
});
afterAll(async () => { await t?.close(); });

const db = () => t.database.db;
/** Tampering as a database superuser would: around the append-only trigger. */
async function asSuperuser(statement: string) {
  await db().execute(sql.raw('alter table audit_log disable trigger audit_log_append_only'));
  await db().execute(sql.raw(statement));
  await db().execute(sql.raw('alter table audit_log enable trigger audit_log_append_only'));
}

describe('tamper-evident audit log', () => {
  it('records each write with who, before and after', async () => {
    const rows = (await db().execute(sql`select * from audit_log where action = 'update' order by seq`)) as unknown as { rows: { actor_name: string; before: { contactName: string }; after: { contactName: string } }[] };
    expect(rows.rows.length).toBe(5);
    expect(rows.rows[0]).toMatchObject({ actor_name: 'admin', after: { contactName: '联系人0' } });
    expect(rows.rows[0]!.before.contactName).not.toBe('联系人0');
  });

  it('an intact log verifies', async () => {
    const r = await verifyAuditChain(db(), 3);
    expect(r.problems).toEqual([]);
    expect(r.count).toBeGreaterThan(10);
  });

  it('refuses UPDATE and DELETE through the trigger', async () => {
    await expect(db().execute(sql`update audit_log set actor_name = 'x' where seq = 1`)).rejects.toThrow();
    await expect(db().execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
  });

  it('names an altered row, then a deleted row, then an inserted row', async () => {
    await asSuperuser(`update audit_log set after = '{"contactName":"伪造"}' where seq = 7`);
    expect((await verifyAuditChain(db())).problems).toEqual([expect.objectContaining({ seq: 7, kind: 'altered' })]);

    await asSuperuser('delete from audit_log where seq = 7');
    expect((await verifyAuditChain(db())).problems).toEqual([expect.objectContaining({ seq: 8, kind: 'inserted_or_deleted' })]);

    await asSuperuser(`insert into audit_log select 7, at, actor_id, actor_name, action, entity, entity_id, before, after, ip, result, prev_hash, 'forged' from audit_log where seq = 6`);
    const problems = (await verifyAuditChain(db())).problems;
    expect(problems[0]).toMatchObject({ seq: 7 });
  });

  it('detects the removal of the newest rows through the chain head', async () => {
    const [{ max }] = (await db().execute(sql`select max(seq)::int as max from audit_log`) as unknown as { rows: { max: number }[] }).rows as [{ max: number }];
    await asSuperuser(`delete from audit_log where seq = ${max}`);
    const problems = (await verifyAuditChain(db())).problems;
    expect(problems.some((p) => p.kind === 'head_mismatch')).toBe(true);
  });
});
