// The part of the enterprise file a 免申即享 run reads: filters in SQL, counted once for progress,
// then read in batches (a cursor on PostgreSQL, keyset pages on PGlite) so memory stays flat.
import { and, count, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type Executor } from '../client.ts';
import { certifications, enterprises } from '../schema/enterprises.ts';

export interface FileMatchFilter {
  /** The regions to read (the policy's city, or the one region asked for). */
  regionIds: string[];
  industry?: string | undefined;
  aboveScale?: boolean | undefined;
  chain?: string | undefined;
  certification?: string | undefined;
}

export function fileMatchWhere(f: FileMatchFilter): SQL {
  const conds: (SQL | undefined)[] = [inArray(enterprises.regionId, f.regionIds)];
  if (f.industry) conds.push(like(enterprises.industryCode, `${f.industry.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (f.aboveScale !== undefined) conds.push(eq(enterprises.aboveScale, f.aboveScale));
  if (f.chain) conds.push(sql`${f.chain} = any(${enterprises.chains})`);
  if (f.certification) {
    conds.push(sql`exists (select 1 from ${certifications} c where c.enterprise_id = "enterprises"."id" and c.status = 'confirmed' and c.kind = ${f.certification})`);
  }
  return and(...conds)!;
}

export async function countFileMatch(db: Executor, where: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(enterprises).where(where);
  return Number(row?.n ?? 0);
}

export interface FileMatchPageRow {
  id: string; uscc: string; name: string; region_id: string; legal_form: string;
  certs: { kind: string; level: string; title: string; year: number }[] | null;
  facts: { fact: string; value: unknown }[] | null;
  diags: { scope: 'chain' | 'factory' | 'workshop'; status: string; supervised: boolean }[] | null;
}

/**
 * One keyset page (by id) of what a run reads, in one statement: the columns it uses, with each
 * enterprise's confirmed certifications, the year's recorded facts and the year's diagnoses as JSON
 * (each found on its enterprise index). One round trip a page instead of four, and no column the
 * run does not read (timestamps, contacts) is decoded.
 */
export const fileMatchPage = (db: Executor, where: SQL, afterId: string | null, limit: number, year: number) => queryRows<FileMatchPageRow>(db, sql`
  select "enterprises"."id", "enterprises"."uscc", "enterprises"."name", "enterprises"."region_id", "enterprises"."legal_form",
    (select json_agg(json_build_object('kind', c.kind, 'level', c.level, 'title', c.title, 'year', c.year) order by c.year, c.kind)
       from certifications c where c.enterprise_id = "enterprises"."id" and c.status = 'confirmed') as certs,
    (select json_agg(json_build_object('fact', f.fact, 'value', f.value))
       from enterprise_facts f where f.enterprise_id = "enterprises"."id" and f.year = ${year}) as facts,
    (select json_agg(json_build_object('scope', d.scope, 'status', d.status, 'supervised', d.supervisor_id is not null))
       from diagnoses d where d.enterprise_id = "enterprises"."id" and d.year = ${year}) as diags
  from enterprises
  where ${afterId ? and(where, sql`"enterprises"."id" > ${afterId}::uuid`)! : where}
  order by "enterprises"."id" limit ${limit}`);

/**
 * The whole selection in one read-only snapshot, for PostgreSQL: a cursor over the enterprises
 * joined to their certifications, the year's facts and the year's diagnoses aggregated once each
 * (hash joins over whole tables), fetched `batch` rows at a time. Keyset pages by id visit the heap
 * in random order and probe three indexes per row; at a million enterprises that dominated the run.
 * `onBatch` gets each batch while the next is being fetched; returning false stops the read.
 */
export async function streamFileMatch(db: Db, where: SQL, year: number, batch: number, onBatch: (rows: FileMatchPageRow[]) => Promise<boolean>): Promise<void> {
  await db.transaction(async (tx) => {
    // A cursor is planned for its first rows by default (nested loops over the indexes): this one
    // is read to the end.
    await tx.execute(sql`set local cursor_tuple_fraction = 1.0`);
    await tx.execute(sql`declare file_match no scroll cursor for
      select "enterprises"."id", "enterprises"."uscc", "enterprises"."name", "enterprises"."region_id", "enterprises"."legal_form", c.certs, f.facts, d.diags
      from enterprises
      left join (select enterprise_id, json_agg(json_build_object('kind', kind, 'level', level, 'title', title, 'year', year) order by year, kind) as certs
                 from certifications where status = 'confirmed' group by enterprise_id) c on c.enterprise_id = "enterprises"."id"
      left join (select enterprise_id, json_agg(json_build_object('fact', fact, 'value', value)) as facts
                 from enterprise_facts where year = ${year} group by enterprise_id) f on f.enterprise_id = "enterprises"."id"
      left join (select enterprise_id, json_agg(json_build_object('scope', scope, 'status', status, 'supervised', supervisor_id is not null)) as diags
                 from diagnoses where year = ${year} group by enterprise_id) d on d.enterprise_id = "enterprises"."id"
      where ${where}`);
    const fetch = () => queryRows<FileMatchPageRow>(tx, sql.raw(`fetch ${Math.trunc(batch)} from file_match`));
    let pending = fetch();
    for (;;) {
      const rows = await pending;
      if (!rows.length) return;
      pending = rows.length < batch ? Promise.resolve([]) : fetch();
      pending.catch(() => {});
      if (!(await onBatch(rows))) {
        await pending.catch(() => {});
        return;
      }
    }
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}
