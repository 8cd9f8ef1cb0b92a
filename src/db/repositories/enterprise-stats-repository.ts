// Aggregate counts of the enterprise file for the dashboard: by region, 规上 or not, certification
// kind/level (confirmed certifications only: a pending claim counts nowhere) and industrial chain. `where` is the caller's data scope (scopeCondition), so an
// officer's counts cover their region only.
import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../client.ts';

export interface RegionCount { regionId: string; regionName: string; total: number; aboveScale: number }
export interface CertificationCount { kind: string; level: string; enterprises: number }
export interface ChainCount { chain: string; enterprises: number }

const whereClause = (where: SQL | undefined) => (where ? sql`where ${where}` : sql``);

export async function enterpriseCountsByRegion(db: Executor, where: SQL | undefined): Promise<RegionCount[]> {
  return queryRows<RegionCount>(db, sql`
    select e.region_id as "regionId", r.name as "regionName",
           count(*)::int as "total", (count(*) filter (where e.above_scale))::int as "aboveScale"
    from (select * from enterprises ${whereClause(where)}) e
    join regions r on r.id = e.region_id
    group by e.region_id, r.name, r.sort
    order by r.sort, e.region_id`);
}

/** Enterprises holding each certification kind and level (an enterprise counts once per level). */
export async function certificationCounts(db: Executor, where: SQL | undefined): Promise<CertificationCount[]> {
  return queryRows<CertificationCount>(db, sql`
    select c.kind, c.level, count(distinct c.enterprise_id)::int as "enterprises"
    from certifications c
    where c.status = 'confirmed' and c.enterprise_id in (select id from enterprises ${whereClause(where)})
    group by c.kind, c.level
    order by c.kind, c.level`);
}

/** Enterprises holding at least one certification or title. */
export async function certifiedEnterpriseCount(db: Executor, where: SQL | undefined): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`
    select count(distinct c.enterprise_id)::int as n
    from certifications c
    where c.status = 'confirmed' and c.enterprise_id in (select id from enterprises ${whereClause(where)})`);
  return row?.n ?? 0;
}

export async function chainCounts(db: Executor, where: SQL | undefined): Promise<ChainCount[]> {
  return queryRows<ChainCount>(db, sql`
    select chain, count(distinct id)::int as "enterprises"
    from (select id, unnest(chains) as chain from enterprises ${whereClause(where)}) e
    group by chain
    order by count(distinct id) desc, chain`);
}
