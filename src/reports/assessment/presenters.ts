// JSON shapes of the assessment results, for `zgsz score --json` and the API: scores as decimal
// numbers (from integer hundredths, so 105.6 prints as 105.6), rates as exact-rounded percentage
// strings ("106.67%"), projections to one decimal. No bigint or internal structure leaks out.
import type {
  AssessmentResult,
  CategoryForecast,
  MonthlyTracking,
  QuarterlyBulletin,
  RegionScoreSheet,
  ScoringSettings,
  TrackingCell,
} from '../../domain/scoring/index.ts';
import { CATEGORIES, formatCount, forecastStatusName, pointsToNumber, toPercent } from '../../domain/scoring/index.ts';

const n = pointsToNumber;

export function presentSettings(s: ScoringSettings) {
  const tier = (t: { first: number; step: number }) => ({ first: n(t.first), step: n(t.step) });
  return {
    ...s,
    metTier: tier(s.metTier),
    halfTier: tier(s.halfTier),
    rateRanked: tier(s.rateRanked),
    workItemPoints: n(s.workItemPoints),
    bonus: Object.fromEntries(Object.entries(s.bonus).map(([k, v]) => [k, n(v)])),
    deductionPerEvent: n(s.deductionPerEvent),
  };
}

export function presentSheet(s: RegionScoreSheet) {
  return {
    rank: s.rank,
    regionId: s.regionId,
    regionName: s.regionName,
    total: n(s.total),
    subtotals: { targets: n(s.subtotals.targets), progress: n(s.subtotals.progress), bonus: n(s.subtotals.bonus), deductions: n(s.subtotals.deductions) },
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, n(s.categories[c].points)])),
    lines: s.lines.map((l) => ({ ...l, points: n(l.points), max: l.max === null ? null : n(l.max) })),
  };
}

export function presentAssessment(r: AssessmentResult) {
  return {
    year: r.year,
    reference: r.reference ?? null,
    throughQuarter: r.throughQuarter,
    ranking: r.sheets.map((s) => {
      const { lines: _lines, ...summary } = presentSheet(s);
      return summary;
    }),
    sheets: r.sheets.map(presentSheet),
    readings: r.readings,
    settings: presentSettings(r.settings),
  };
}

export function presentForecast(f: CategoryForecast) {
  return {
    regionId: f.regionId,
    regionName: f.regionName,
    category: f.category,
    target: f.target,
    actual: f.actual,
    rate: toPercent(f.rate),
    projected: formatCount(f.projected),
    projectedRate: toPercent(f.projectedRate),
    status: f.status,
    statusName: forecastStatusName(f),
    remaining: f.remaining,
    perMonthNeeded: f.perMonthNeeded,
    explanation: f.explanation,
  };
}

const presentCell = (c: TrackingCell) => ({
  target: c.target,
  actual: c.actual,
  rate: toPercent(c.rate),
  behindSchedule: c.behindSchedule,
  ...(c.forecast ? { projected: formatCount(c.forecast.projected), forecastStatus: c.forecast.status } : {}),
});

export function presentTracking(t: MonthlyTracking) {
  const row = (r: Pick<MonthlyTracking['rows'][number], 'regionId' | 'regionName' | 'cells'>) => ({
    regionId: r.regionId,
    regionName: r.regionName,
    cells: Object.fromEntries(CATEGORIES.map((c) => [c, presentCell(r.cells[c])])),
  });
  return {
    year: t.year,
    month: t.month,
    timeProgress: toPercent(t.timeProgress),
    rows: t.rows.map((r) => ({ ...row(r), behindCount: r.behindCount })),
    cityTotal: row(t.cityTotal),
  };
}

export function presentBulletin(b: QuarterlyBulletin) {
  return {
    year: b.year,
    quarter: b.quarter,
    title: b.title,
    summary: b.summary,
    assessment: presentAssessment(b.assessment),
    findings: b.findings,
    lagging: b.lagging.map((l) => l.regionId),
    tracking: presentTracking(b.tracking),
  };
}
