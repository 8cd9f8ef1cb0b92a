// An import decides on each existing file with the version it read, and its merge (one statement
// over the staging table) only updates a file still at that version. Here the edit is saved while
// the import runs: it is read at version 1, the edit holds the row until the merge is waiting on
// it, then commits version 2. The import must refuse the row, keep nothing, and leave the edit.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { cliActor } from '../../src/cli/cli-actor.ts';
import { queryRows } from '../../src/db/client.ts';
import { auditPending } from '../../src/db/schema/audit.ts';
import { enterprises } from '../../src/db/schema/enterprises.ts';
import { demoEnterprise } from '../../src/db/seed/demo-enterprises.ts';
import { enterpriseToRow } from '../../src/use-cases/enterprises/enterprise-columns.ts';
import { importEnterprises } from '../../src/use-cases/enterprises/import-enterprises.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { enterpriseWorkbook } from '../helpers/xlsx.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ enterprises: 0, poolSize: 5 }); });
afterAll(async () => { await t?.close(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pendingCount = async () => Number((await t.database.db.select({ n: count() }).from(auditPending))[0]!.n);

describe('an edit saved while an import runs', () => {
  it('is never overwritten: the import waits for it, then refuses the row and keeps nothing', async () => {
    const db = t.database.db;
    const files = Array.from({ length: 30 }, (_, i) => demoEnterprise(8000 + i));
    const first = await importEnterprises(db, cliActor(), Readable.from(await enterpriseWorkbook(files.map((e) => enterpriseToRow(e)))));
    expect(first).toMatchObject({ committed: true, created: 30 });
    const target = files[17]!;
    const auditBefore = await pendingCount();

    // Row 19 of the sheet renames the target, exported at version 1; every other row is new.
    const sheet = [
      ...files.map((e) => enterpriseToRow(e.uscc === target.uscc ? { ...e, name: `${e.name}(导入改名)`, version: 1 } : e)),
      ...Array.from({ length: 20 }, (_, i) => enterpriseToRow(demoEnterprise(8100 + i))),
    ];
    const file = await enterpriseWorkbook(sheet);

    let edited!: () => void;
    const editSaved = new Promise<void>((r) => { edited = r; });
    let release!: () => void;
    const released = new Promise<void>((r) => { release = r; });
    const edit = db.transaction(async (tx) => {
      await tx.execute(sql`update enterprises set address = '他人同时修改的地址', version = version + 1 where uscc = ${target.uscc}`);
      edited();
      await released;
    });
    await editSaved;

    const importing = importEnterprises(db, cliActor(), Readable.from(file));
    // The import read version 1 (the edit is not committed) and its merge now waits for the row.
    const waitingSince = performance.now();
    for (;;) {
      const [w] = await queryRows<{ n: number | string }>(db, sql`select count(*) as n from pg_stat_activity
        where wait_event_type = 'Lock' and query ilike '%insert into enterprises%'`);
      if (Number(w!.n) > 0) break;
      if (performance.now() - waitingSince > 60_000) throw new Error('the import never reached the merge');
      await sleep(20);
    }
    release();
    await edit;
    const report = await importing;

    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([{ row: 19, column: '统一社会信用代码', message: '该企业档案在导入过程中被他人修改,请重新导出后再导入' }]);
    const [stored] = await db.select().from(enterprises).where(eq(enterprises.uscc, target.uscc));
    expect(stored).toMatchObject({ name: target.name, address: '他人同时修改的地址', version: 2 });
    expect(Number((await db.select({ n: count() }).from(enterprises))[0]!.n)).toBe(30);
    expect(await pendingCount()).toBe(auditBefore);
  });
});
