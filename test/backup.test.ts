import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { backupDatabase, restoreDatabase } from '../src/db/backup.ts';
import { queryRows } from '../src/db/client.ts';
import { verifyAuditChain } from '../src/db/repositories/audit-repository.ts';
import { login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'zgsz-backup-'));
beforeAll(async () => { t = await startTestApp({ enterprises: 60 }); });
afterAll(async () => { await t?.close(); });

/** Every table's rows as sorted JSON text: equal snapshots mean equal data. */
async function snapshot() {
  const tables = await queryRows<{ name: string }>(t.database.db, sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    out[name] = (await queryRows<{ j: string }>(t.database.db, sql.raw(`select row_to_json(x)::text as j from "${name}" x`))).map((r) => r.j).sort();
  }
  return out;
}

describe('zgsz db backup / restore', () => {
  it('round-trips every table exactly, and the audit chain still verifies', async () => {
    const admin = await login(t.app, 'admin');
    const list = (await admin.request('GET', '/api/v1/enterprises?pageSize=3')).json() as { items: { id: string }[] };
    await admin.request('PATCH', `/api/v1/enterprises/${list.items[0]!.id}`, { contactName: '备份前' });
    const before = await snapshot();
    const file = join(dir, 'b.ndjson.gz');
    const counts = await backupDatabase(t.database.db, file);
    expect(counts.enterprises).toBe(60);

    // Change data after the backup: restore must bring back the earlier state.
    await admin.request('PATCH', `/api/v1/enterprises/${list.items[1]!.id}`, { contactName: '备份后' });
    await t.database.db.execute(sql`delete from certifications`);
    expect(await snapshot()).not.toEqual(before);

    await restoreDatabase(t.database.db, file);
    expect(await snapshot()).toEqual(before);
    expect((await verifyAuditChain(t.database.db)).problems).toEqual([]);
  });

  it('refuses a file that is not a backup and leaves the data as it was', async () => {
    const before = await snapshot();
    const bad = join(dir, 'bad.gz');
    writeFileSync(bad, 'not gzip at all');
    await expect(restoreDatabase(t.database.db, bad)).rejects.toMatchObject({ code: 'INVALID', field: 'file' });
    expect(await snapshot()).toEqual(before);
  });
});
