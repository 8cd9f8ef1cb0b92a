// SQL of the assessment (附件2): targets, the records progress is counted from, and the assembly
// of a year's AssessmentInput / monthly progress for the pure scoring engine.
import { and, asc, count, eq, lte, sql } from 'drizzle-orm';
import { type Executor, readAll } from '../client.ts';
import { regions } from '../schema/core.ts';
import {
  assessmentActivities,
  assessmentCoverage,
  assessmentEvents,
  assessmentProjects,
  assessmentSettings,
  assessmentTargets,
  assessmentWorkItems,
} from '../schema/assessment.ts';
import { invalid } from '../../domain/errors.ts';
import { aboveScaleCounts } from './report-cache-repository.ts';
import { aboveScaleFirstCounted } from '../schema/report-cache.ts';
import type {
  Activity,
  AssessmentInput,
  BonusEvent,
  CountCategory,
  DeductionEvent,
  ProgressSnapshot,
  RegionFigures,
  TargetTable,
  WorkItem,
  WorkItemId,
} from '../../domain/scoring/index.ts';
import { BUILT_IN_TARGETS, COUNT_CATEGORIES, evidenceLabels, WORK_ITEMS } from '../../domain/scoring/index.ts';

export interface StoredTargets extends TargetTable {
  /** 'database' once the city has set the year's table; 'built-in' for the 2022 table of the text. */
  source: 'database' | 'built-in';
}

/** The year's targets: the city's table if set, else the built-in table of the text (2022). */
export async function loadTargets(db: Executor, year: number): Promise<StoredTargets | null> {
  const rows = await db
    .select({ t: assessmentTargets, name: regions.name, sort: regions.sort })
    .from(assessmentTargets)
    .innerJoin(regions, eq(regions.id, assessmentTargets.regionId))
    .where(eq(assessmentTargets.year, year))
    .orderBy(asc(regions.sort));
  if (rows.length > 0) {
    return {
      year,
      source: 'database',
      reference: rows[0]!.t.reference ?? undefined,
      regions: rows.map(({ t, name }) => ({
        regionId: t.regionId,
        regionName: name,
        retrofit: t.retrofit,
        cloud: t.cloud,
        portrait: t.portrait,
        benchmark: t.benchmark,
        coverageBasisPoints: t.coverageBasisPoints,
      })),
    };
  }
  const builtIn = BUILT_IN_TARGETS.get(year);
  return builtIn ? { ...builtIn, source: 'built-in' } : null;
}

/** Replaces the year's table (inside the caller's transaction). */
export async function replaceTargets(tx: Executor, table: TargetTable): Promise<void> {
  await tx.delete(assessmentTargets).where(eq(assessmentTargets.year, table.year));
  await tx.insert(assessmentTargets).values(
    table.regions.map((r) => ({
      year: table.year,
      regionId: r.regionId,
      retrofit: r.retrofit,
      cloud: r.cloud,
      portrait: r.portrait,
      benchmark: r.benchmark,
      coverageBasisPoints: r.coverageBasisPoints,
      reference: table.reference ?? null,
    })),
  );
}

export async function loadStoredSettings(db: Executor, year: number): Promise<unknown> {
  const [row] = await db.select().from(assessmentSettings).where(eq(assessmentSettings.year, year));
  return row?.settings ?? {};
}

/**
 * Monthly cumulative figures (months 1..throughMonth) of every region in the table, from the
 * project records (counted by 指标说明, from their counted_on date) and the coverage summaries
 * (the latest one as of each month; without one, coverage is derived from the enterprise file:
 * 规上 enterprises of the region with a counted project ÷ all 规上 enterprises of the region, the
 * latter as kept by the enterprise triggers).
 */
export async function loadMonthlyProgress(db: Executor, targets: TargetTable, throughMonth: number): Promise<ProgressSnapshot[]> {
  const year = targets.year;
  // Independent reads: sent together on a pool, one after another in a transaction (readAll).
  const [projectCounts, reports, firstCovered, aboveScale] = await readAll(db, [
    () => db
      .select({ regionId: assessmentProjects.regionId, category: assessmentProjects.category, month: sql<number>`extract(month from ${assessmentProjects.countedOn})::int`, n: count() })
      .from(assessmentProjects)
      .where(eq(assessmentProjects.year, year))
      .groupBy(assessmentProjects.regionId, assessmentProjects.category, sql`extract(month from ${assessmentProjects.countedOn})`),
    () => db.select().from(assessmentCoverage).where(eq(assessmentCoverage.year, year)).orderBy(asc(assessmentCoverage.month)),
    // Kept per enterprise by the project and enterprise triggers (0018): the year's covered 规上
    // enterprises counted by region and first month, not the projects joined to the whole file.
    () => db
      .select({ regionId: aboveScaleFirstCounted.regionId, month: aboveScaleFirstCounted.month, n: count() })
      .from(aboveScaleFirstCounted)
      .where(eq(aboveScaleFirstCounted.year, year))
      .groupBy(aboveScaleFirstCounted.regionId, aboveScaleFirstCounted.month),
    // Kept per region by the enterprise triggers (0014_report_cache): a dozen rows, not the whole file.
    () => aboveScaleCounts(db),
  ]);

  const out: ProgressSnapshot[] = [];
  for (let month = 1; month <= throughMonth; month++) {
    for (const t of targets.regions) {
      const completed = Object.fromEntries(
        COUNT_CATEGORIES.map((c) => [
          c,
          projectCounts.filter((p) => p.regionId === t.regionId && p.category === c && Number(p.month) <= month).reduce((a, p) => a + Number(p.n), 0),
        ]),
      ) as Record<CountCategory, number>;
      const report = reports.filter((r) => r.regionId === t.regionId && r.month <= month).at(-1);
      const coverage = report
        ? { covered: report.covered, total: report.total }
        : {
            covered: firstCovered.filter((f) => f.regionId === t.regionId && f.month <= month).reduce((a, f) => a + Number(f.n), 0),
            total: aboveScale.get(t.regionId) ?? 0,
          };
      out.push({ regionId: t.regionId, month, completed, coverage });
    }
  }
  return out;
}

/**
 * The year's AssessmentInput as of the end of `throughMonth` (12 for the annual assessment): the
 * counts and coverage of that month, the 五个一 items, and the activities and events dated up to
 * its end.
 */
export async function loadAssessmentInput(db: Executor, targets: TargetTable, throughMonth = 12, options: { allowMissingCoverage?: boolean } = {}): Promise<AssessmentInput> {
  const year = targets.year;
  const lastDay = new Date(Date.UTC(year, throughMonth, 0)).toISOString().slice(0, 10);
  const [history, items, activities, events] = await readAll(db, [
    () => loadMonthlyProgress(db, targets, throughMonth),
    () => db.select().from(assessmentWorkItems).where(eq(assessmentWorkItems.year, year)),
    () => db
      .select()
      .from(assessmentActivities)
      .where(and(eq(assessmentActivities.year, year), lte(assessmentActivities.date, lastDay)))
      .orderBy(asc(assessmentActivities.date)),
    () => db
      .select()
      .from(assessmentEvents)
      .where(and(eq(assessmentEvents.year, year), lte(assessmentEvents.date, lastDay)))
      .orderBy(asc(assessmentEvents.date), asc(assessmentEvents.createdAt)),
  ]);
  const progress = history.filter((p) => p.month === throughMonth);

  const regionsFigures = targets.regions.map((t): RegionFigures => {
    const p = progress.find((x) => x.regionId === t.regionId)!;
    if (p.coverage.total === 0 && !options.allowMissingCoverage) {
      throw invalid(
        'coverage',
        `${t.regionName}${year}年尚无覆盖率汇总表,企业档案中也没有该地区的规上企业,无法计算规上企业覆盖率:请录入“当年规上企业实施智改数转项目情况汇总表”`,
      );
    }
    const workItems = Object.fromEntries(
      WORK_ITEMS.map((id): [WorkItemId, WorkItem] => {
        const row = items.find((i) => i.regionId === t.regionId && i.item === id);
        return [id, row ? { done: row.done, evidence: evidenceLabels(row.evidence), ...(row.note ? { note: row.note } : {}) } : { done: false, evidence: [] }];
      }),
    ) as Record<WorkItemId, WorkItem>;
    return {
      regionId: t.regionId,
      completed: p.completed,
      coverage: p.coverage,
      workItems,
      activities: activities
        .filter((a) => a.regionId === t.regionId)
        .map((a): Activity => ({
          date: a.date,
          type: a.type as Activity['type'],
          level: a.level as Activity['level'],
          hostedByLocalGovernment: a.hostedByLocalGovernment,
          title: a.title,
          evidence: evidenceLabels(a.evidence),
        })),
      bonusEvents: events
        .filter((e) => e.regionId === t.regionId && e.direction === 'bonus')
        .map((e): BonusEvent => ({
          kind: e.kind as BonusEvent['kind'],
          level: e.level as BonusEvent['level'],
          subject: e.subject as BonusEvent['subject'],
          title: e.title,
          date: e.date,
          evidence: evidenceLabels(e.evidence),
        })),
      deductions: events
        .filter((e) => e.regionId === t.regionId && e.direction === 'deduction')
        .map((e): DeductionEvent => ({ issuer: e.issuer as DeductionEvent['issuer'], title: e.title, date: e.date, evidence: evidenceLabels(e.evidence) })),
    };
  });
  return { year, targets, regions: regionsFigures };
}
