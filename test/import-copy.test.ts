// The import copies its rows into a staging table as COPY text and merges them in SQL. COPY's text
// format gives backslash, tab and newline a meaning, and `\N` is its null: a value holding any of
// them must still arrive byte for byte, in the file and in its audit entry. Runs on PGlite, and on
// PostgreSQL when DATABASE_URL names one (the two take different COPY paths).
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { cliActor } from '../src/cli/cli-actor.ts';
import { queryRows } from '../src/db/client.ts';
import { auditPending } from '../src/db/schema/audit.ts';
import { certifications, enterprises } from '../src/db/schema/enterprises.ts';
import { demoEnterprise } from '../src/db/seed/demo-enterprises.ts';
import { enterpriseToRow } from '../src/use-cases/enterprises/enterprise-columns.ts';
import { importEnterprises } from '../src/use-cases/enterprises/import-enterprises.ts';
import { startTestApp, type TestApp } from './helpers/app.ts';
import { enterpriseWorkbook } from './helpers/xlsx.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ enterprises: 0 }); });
afterAll(async () => { await t?.close(); });

const run = async (rows: (string | number | boolean | null)[][], batchSize?: number) =>
  importEnterprises(t.database.db, cliActor(), Readable.from(await enterpriseWorkbook(rows)), { batchSize });
/** Audit entries still waiting to be chained, oldest first (the CLI would chain them at once). */
const pending = () => t.database.db.select().from(auditPending).orderBy(asc(auditPending.id));

// Every character COPY's text format treats specially, a `\N` (its null) and a `\.` (its old end
// marker) in the middle of a value, quotes, braces and commas (array literal syntax) and CJK.
const HOSTILE = 'A\tB\nC\\D"E\'F\\N{1,2}\\.华宏科技';

describe('values that mean something to COPY', () => {
  it('arrive byte for byte in every free-text column and in the audit entry, and re-import as unchanged', async () => {
    const e = demoEnterprise(7100);
    const file = {
      ...e, name: `${HOSTILE}有限公司`, contactName: `联系人${HOSTILE}`.slice(0, 50), address: `地址${HOSTILE}路1号`,
      certifications: [{ kind: 'recognition' as const, level: 'provincial', title: `示范${HOSTILE}`, year: 2023 }],
    };
    const row = enterpriseToRow(file);
    const report = await run([row]);
    expect(report).toMatchObject({ committed: true, created: 1, errors: [] });

    const [stored] = await t.database.db.select().from(enterprises).where(eq(enterprises.uscc, e.uscc));
    expect(stored).toMatchObject({ name: file.name, contactName: file.contactName, address: file.address, version: 1 });
    const certs = await t.database.db.select().from(certifications).where(eq(certifications.enterpriseId, stored!.id));
    expect(certs.map((c) => [c.kind, c.level, c.title, c.year, c.status])).toEqual([['recognition', 'provincial', file.certifications[0]!.title, 2023, 'confirmed']]);

    const entries = (await pending()).filter((p) => p.entityId === stored!.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'import_create', entity: 'enterprise', before: null });
    expect(entries[0]!.after).toEqual({
      id: stored!.id, uscc: e.uscc, name: file.name, regionId: e.regionId, industryCode: e.industryCode, aboveScale: e.aboveScale,
      chains: e.chains, legalForm: e.legalForm, contactName: file.contactName, contactPhone: e.contactPhone ?? null,
      contactEmail: e.contactEmail ?? null, address: file.address, certifications: file.certifications, version: 1,
      createdAt: stored!.createdAt.toISOString(), updatedAt: stored!.updatedAt.toISOString(),
    });

    // Compared with what was stored, the same sheet changes nothing.
    expect(await run([row])).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 1 });
  });
});

describe('the merge in SQL', () => {
  it('writes one audit entry per written row in row order, creations and updates interleaved, and skips unchanged rows', async () => {
    const base = Array.from({ length: 6 }, (_, i) => demoEnterprise(7200 + i));
    // Rows 2, 4 and 6 of the sheet below (base 0, 1, 2) exist already.
    await run(base.slice(0, 3).map((e) => enterpriseToRow(e)));
    const before = await t.database.db.select().from(enterprises).where(sql`${enterprises.uscc} in (${sql.join(base.slice(0, 3).map((e) => sql`${e.uscc}`), sql`, `)})`);
    const since = (await pending()).length;

    const changed = { ...base[1]!, name: `${base[1]!.name}(改名)` };
    const changedAgain = { ...base[2]!, address: '新地址 1 号' };
    // Batches of two rows: the order must hold across batches as well as within one.
    const report = await run([base[3]!, base[0]!, base[4]!, changed, base[5]!, changedAgain].map((e) => enterpriseToRow(e)), 2);
    expect(report).toMatchObject({ committed: true, created: 3, updated: 2, unchanged: 1, changesTotal: 2, errors: [] });
    expect(report.changes.map((c) => [c.row, c.fields.map((f) => f.field)])).toEqual([[5, ['name']], [7, ['address']]]);

    const entries = (await pending()).slice(since);
    const idOf = new Map((await t.database.db.select().from(enterprises)).map((e) => [e.uscc, e]));
    expect(entries.map((p) => [p.action, p.entityId])).toEqual([
      ['import_create', idOf.get(base[3]!.uscc)!.id],
      ['import_create', idOf.get(base[4]!.uscc)!.id],
      ['import_update', idOf.get(base[1]!.uscc)!.id],
      ['import_create', idOf.get(base[5]!.uscc)!.id],
      ['import_update', idOf.get(base[2]!.uscc)!.id],
    ]);
    // An update's entry holds the file as it was and as it is now, one version apart.
    const old = before.find((b) => b.uscc === base[1]!.uscc)!;
    const now = idOf.get(base[1]!.uscc)!;
    expect(now.version).toBe(old.version + 1);
    expect(entries[2]!.before).toMatchObject({ id: old.id, name: base[1]!.name, version: old.version, createdAt: old.createdAt.toISOString() });
    expect(entries[2]!.after).toMatchObject({ id: old.id, name: changed.name, version: old.version + 1, createdAt: old.createdAt.toISOString(), updatedAt: now.updatedAt.toISOString() });
    // All entries of one import carry one time, the files' updated_at.
    expect(new Set(entries.map((p) => p.at.toISOString()))).toEqual(new Set([now.updatedAt.toISOString()]));
  });

  it('leaves no staging table behind, after a commit or a refusal', async () => {
    const e = demoEnterprise(7300);
    await run([enterpriseToRow(e)]);
    // Exported at version 1, but the file is at version 2 by now: refused, and nothing is kept.
    await t.database.db.update(enterprises).set({ version: 2 }).where(eq(enterprises.uscc, e.uscc));
    const refused = await run([enterpriseToRow({ ...e, name: `${e.name}二`, version: 1 })]);
    expect(refused.committed).toBe(false);
    expect(refused.errors.map((x) => [x.row, x.column])).toEqual([[2, '档案版本(请勿修改)']]);
    const left = await queryRows<{ n: number | string }>(t.database.db, sql`select count(*) as n from pg_class where relname = 'enterprise_import_stage'`);
    expect(Number(left[0]!.n)).toBe(0);
  });
});
