// Monthly reports of the action plan and the figures the platform computes from its own records to
// check them. A report is never changed: a correction is the next revision, and the insert of a
// revision that already exists does nothing, so of two concurrent corrections exactly one lands.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { queryRows } from '../client.ts';
import { departments } from '../schema/core.ts';
import { planReports } from '../schema/plan.ts';
import type { Indicator } from '../../domain/plan/goal-tree.ts';

export type PlanReportRow = typeof planReports.$inferSelect;

export interface LatestReport {
  id: string;
  indicatorId: string;
  regionId: string;
  year: number;
  month: number;
  revision: number;
  value: number;
  note: string | null;
  departmentId: string | null;
  reportedByName: string;
  onBehalf: boolean;
  reportedOn: string;
  /** When the month was first reported: lateness is judged on it, not on a later correction. */
  firstReportedOn: string;
  evidenceCount: number;
}

/** The current revision of every reported month of a plan, in years [fromYear, toYear]. */
export async function latestReports(db: Executor, planId: string, fromYear: number, toYear: number): Promise<LatestReport[]> {
  const rows = await queryRows<{
    id: string; indicator_id: string; region_id: string; year: number; month: number; revision: number; value: string | number;
    note: string | null; department_id: string | null; reported_by_name: string; on_behalf: boolean; reported_on: string | Date; first_reported_on: string | Date; evidence_count: number;
  }>(db, sql`
    select distinct on (indicator_id, region_id, year, month)
      id, indicator_id, region_id, year, month, revision, value, note, department_id, reported_by_name, on_behalf, reported_on,
      min(reported_on) over (partition by indicator_id, region_id, year, month) as first_reported_on,
      jsonb_array_length(evidence) as evidence_count
    from plan_reports
    where plan_id = ${planId} and year between ${fromYear}::int and ${toYear}::int
    order by indicator_id, region_id, year, month, revision desc`);
  const day = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
  return rows.map((r) => ({
    id: r.id, indicatorId: r.indicator_id, regionId: r.region_id, year: Number(r.year), month: Number(r.month), revision: Number(r.revision),
    value: Number(r.value), note: r.note, departmentId: r.department_id, reportedByName: r.reported_by_name, onBehalf: r.on_behalf,
    reportedOn: day(r.reported_on), firstReportedOn: day(r.first_reported_on), evidenceCount: Number(r.evidence_count),
  }));
}

/** Every revision of one indicator's figures (one region's, for a per-region indicator), newest first. */
export const reportHistory = (db: Executor, planId: string, indicatorId: string, regionId: string) =>
  db.select().from(planReports)
    .where(and(eq(planReports.planId, planId), eq(planReports.indicatorId, indicatorId), eq(planReports.regionId, regionId)))
    .orderBy(sql`${planReports.year} desc, ${planReports.month} desc, ${planReports.revision} desc`);

export const findReport = async (db: Executor, id: string) => (await db.select().from(planReports).where(eq(planReports.id, id)))[0];

/** The current revision of one month (0 when never reported). */
export async function currentRevision(db: Executor, key: { planId: string; indicatorId: string; regionId: string; year: number; month: number }): Promise<number> {
  const [row] = await queryRows<{ r: number | null }>(db, sql`
    select max(revision) as r from plan_reports
    where plan_id = ${key.planId} and indicator_id = ${key.indicatorId} and region_id = ${key.regionId} and year = ${key.year}::int and month = ${key.month}::int`);
  return Number(row?.r ?? 0);
}

/** Inserts a revision; undefined when that revision of the month exists already (a concurrent report won). */
export async function insertReport(tx: Executor, values: typeof planReports.$inferInsert): Promise<PlanReportRow | undefined> {
  return (await tx.insert(planReports).values(values).onConflictDoNothing().returning())[0];
}

export const listDepartments = (db: Executor, city?: string) =>
  db.select().from(departments).where(city ? eq(departments.city, city) : undefined).orderBy(asc(departments.id));

const monthEnd = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-${new Date(Date.UTC(year, month, 0)).getUTCDate()}`;

/**
 * What the platform's own records say for an indicator at the end of (year, month), per region for a
 * per-region indicator ('' otherwise); an empty map when the records hold nothing to compare.
 * Counts run from the start of the year (yearly) or of `since` (cumulative); a stock of recognitions
 * counts every confirmed one up to the year, since an 认定 carries its year but not its month.
 */
export async function recordFigures(db: Executor, city: string, indicator: Indicator, year: number, month: number): Promise<Map<string, number>> {
  const r = indicator.records;
  const out = new Map<string, number>();
  if (!r) return out;
  const to = monthEnd(year, month);
  const from = `${indicator.kind === 'cumulative' && indicator.since !== null ? indicator.since : year}-01-01`;
  const one = async (q: ReturnType<typeof sql>) => {
    const [row] = await queryRows<{ v: string | number | null }>(db, q);
    if (row?.v !== null && row?.v !== undefined) out.set('', Number(row.v));
  };
  switch (r.source) {
    case 'assessment-projects':
      // A year in which nothing has been recorded for 附件2 yet is one the platform does not keep:
      // comparing a department's figure with 0 would flag every report of it.
      await one(sql`select case when exists (select 1 from assessment_projects p2 join regions g2 on g2.id = p2.region_id where g2.city = ${city} and p2.year = ${year}::int)
        then (select count(*) from assessment_projects p join regions g on g.id = p.region_id
          where g.city = ${city} and p.counted_on between ${from}::date and ${to}::date ${r.category ? sql`and p.category = ${r.category}` : sql``}) end as v`);
      break;
    case 'coverage-covered':
    case 'coverage-rate': {
      const [row] = await queryRows<{ covered: string | null; total: string | null }>(db, sql`
        select sum(c.covered) as covered, sum(c.total) as total from assessment_coverage c join regions g on g.id = c.region_id
        where g.city = ${city} and c.year = ${year}::int and c.month = ${month}::int`);
      if (row?.total !== null && row?.total !== undefined && Number(row.total) > 0) {
        out.set('', r.source === 'coverage-covered' ? Number(row.covered) : Math.floor((Number(row.covered) * 10_000) / Number(row.total)));
      }
      break;
    }
    case 'recognitions':
      await one(sql`select count(*) as v from certifications c join enterprises e on e.id = c.enterprise_id join regions g on g.id = e.region_id
        where g.city = ${city} and c.kind = 'recognition' and c.status = 'confirmed' and c.level in ('provincial', 'national')
          and c.year <= ${year}::int and position(${r.match ?? ''} in c.title) > 0`);
      break;
    case 'providers-admitted':
      await one(sql`select count(*) as v from service_orgs where kind = 'provider' and city = ${city} and admitted_on between ${from}::date and ${to}::date`);
      break;
    case 'activities':
      await one(sql`select case when exists (select 1 from assessment_activities a2 join regions g2 on g2.id = a2.region_id where g2.city = ${city} and a2.year = ${year}::int)
        then (select count(*) from assessment_activities a join regions g on g.id = a.region_id
          where g.city = ${city} and a.date between ${from}::date and ${to}::date) end as v`);
      break;
    case 'city-fund':
      await one(sql`select max(budget_fen) as v from funds where city = ${city} and year = ${year}::int and level = 'city'`);
      break;
    case 'region-fund': {
      const rows = await queryRows<{ region_id: string; v: string | number }>(db, sql`
        select region_id, budget_fen as v from funds where city = ${city} and year = ${year}::int and level = 'county'`);
      for (const row of rows) out.set(row.region_id, Number(row.v));
      break;
    }
  }
  return out;
}
