import { and, asc, count, eq, getTableColumns, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DataScope } from '../../server/access/rules.ts';
import type { Executor } from '../client.ts';
import { certifications, enterprises } from '../schema/enterprises.ts';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type CertificationRow = typeof certifications.$inferSelect;

export function scopeCondition(scope: DataScope): SQL | undefined {
  switch (scope.kind) {
    case 'all': return undefined;
    case 'region': return eq(enterprises.regionId, scope.regionId);
    case 'enterprise': return eq(enterprises.id, scope.enterpriseId);
    case 'none': return sql`false`;
  }
}

export interface EnterpriseFilter {
  q?: string | undefined;
  regionId?: string | undefined;
  aboveScale?: boolean | undefined;
  chain?: string | undefined;
}

export function filterCondition(scope: DataScope, f: EnterpriseFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [scopeCondition(scope)];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(enterprises.name, like), ilike(enterprises.uscc, like)));
  }
  if (f.regionId) conds.push(eq(enterprises.regionId, f.regionId));
  if (f.aboveScale !== undefined) conds.push(eq(enterprises.aboveScale, f.aboveScale));
  if (f.chain) conds.push(sql`${f.chain} = any(${enterprises.chains})`);
  return and(...conds);
}

/**
 * One page of enterprise files with their certifications and the total, in one round trip (the
 * enterprise list is the busiest read): the total rides along as a window count and the
 * certifications as a JSON aggregate. Only a page past the end needs a separate count.
 */
export async function listEnterprises(db: Executor, where: SQL | undefined, page: number, pageSize: number) {
  const rows = await db.select({
    ...getTableColumns(enterprises),
    total: sql<number>`count(*) over ()`.mapWith(Number),
    certs: sql<CertificationRow[]>`coalesce((
      select json_agg(json_build_object('id', c.id, 'enterpriseId', c.enterprise_id, 'kind', c.kind, 'level', c.level, 'title', c.title, 'year', c.year) order by c.year, c.kind)
      from ${certifications} c where c.enterprise_id = ${enterprises.id}), '[]'::json)`,
  }).from(enterprises).where(where)
    .orderBy(asc(enterprises.regionId), asc(enterprises.name), asc(enterprises.id))
    .limit(pageSize).offset((page - 1) * pageSize);
  const total = rows[0]?.total ?? Number((await db.select({ n: count() }).from(enterprises).where(where))[0]?.n ?? 0);
  return {
    items: rows.map(({ total: _t, certs, ...e }) => ({ enterprise: e as EnterpriseRow, certifications: certs })),
    total,
  };
}

export const findEnterpriseById = async (db: Executor, id: string) =>
  (await db.select().from(enterprises).where(eq(enterprises.id, id)))[0];

export const findEnterpriseByUscc = async (db: Executor, uscc: string) =>
  (await db.select().from(enterprises).where(eq(enterprises.uscc, uscc)))[0];

export async function certificationsOf(db: Executor, ids: string[]): Promise<Map<string, CertificationRow[]>> {
  const map = new Map<string, CertificationRow[]>();
  if (!ids.length) return map;
  // One JSON parameter rather than one bind parameter per id (pages and import batches are large).
  const rows = await db.select().from(certifications)
    .where(sql`${certifications.enterpriseId} in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`)
    .orderBy(asc(certifications.year), asc(certifications.kind));
  for (const r of rows) {
    const list = map.get(r.enterpriseId) ?? [];
    list.push(r);
    map.set(r.enterpriseId, list);
  }
  return map;
}

export async function replaceCertifications(db: Executor, enterpriseId: string, list: { kind: string; level: string; title: string; year: number }[]) {
  await db.delete(certifications).where(eq(certifications.enterpriseId, enterpriseId));
  if (list.length) await db.insert(certifications).values(list.map((c) => ({ ...c, enterpriseId })));
}
