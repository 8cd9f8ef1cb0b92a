// Progress of one indicator in one year from its monthly reports: the goal that applies, the
// year-end projection, the red/amber/green light, when a month's report is due, and whether a
// report agrees with the platform's own records. Pure: the caller brings the series and the date.
//
// A monthly figure is the position at the end of that month: 本年累计 for a yearly indicator, the
// running total for a cumulative one, the current level for a rate. Integer arithmetic only (counts,
// hundredths of a percent, 分), rounding down, so a projection never claims a goal not yet earned.
import type { Indicator, Plan } from './goal-tree.ts';

export interface MonthFigure { year: number; month: number; value: number }

export type Light = 'green' | 'amber' | 'red' | 'none';

export interface Goal {
  value: number;
  /** false: a pace derived between two stated goals (interimPace), not a figure of the text. */
  stated: boolean;
}

/**
 * The goal for `year`: the one the text states, or for a cumulative indicator between two stated
 * goals (or after its `since`), the straight-line pace between them, rounded up — the text sets
 * 2022 and 2024 figures only, and a 2023 officer still needs to know whether the city is on course.
 */
export function goalFor(indicator: Indicator, year: number, settings: Plan['settings']): Goal | null {
  const stated = indicator.goals[year];
  if (stated !== undefined) return { value: stated, stated: true };
  if (indicator.kind !== 'cumulative' || settings.interimPace !== 'linear') return null;
  const years = Object.keys(indicator.goals).map(Number).sort((a, b) => a - b);
  const next = years.find((y) => y > year);
  if (next === undefined) return null;
  const before = [...years].reverse().find((y) => y < year);
  const from = before !== undefined ? { year: before, value: indicator.goals[before]! }
    : indicator.since !== null && indicator.since <= year ? { year: indicator.since - 1, value: 0 } : null;
  if (!from) return null;
  const span = next - from.year;
  const rise = (indicator.goals[next]! - from.value) * (year - from.year);
  return { value: from.value + Math.ceil(rise / span), stated: false };
}

/**
 * The year-end figure if the year goes on as it went: the latest figure plus its pace since the
 * origin — the start of the year for a yearly indicator, the previous December for a cumulative
 * one (0 in its `since` year), otherwise the first report of the year. One report of a rate or of a
 * stock with no earlier figure gives no pace: the projection is that figure.
 */
export function projectYearEnd(indicator: Indicator, year: number, series: MonthFigure[], previousDecember: number | null): number | null {
  const points = series.filter((p) => p.year === year).sort((a, b) => a.month - b.month);
  const last = points.at(-1);
  if (!last) return null;
  if (last.month === 12) return last.value;
  let origin: { month: number; value: number };
  if (indicator.kind === 'yearly') origin = { month: 0, value: 0 };
  else if (indicator.kind === 'cumulative' && indicator.since === year) origin = { month: 0, value: 0 };
  else if (indicator.kind === 'cumulative' && previousDecember !== null) origin = { month: 0, value: previousDecember };
  else origin = points[0]!;
  if (last.month === origin.month) return last.value;
  const projected = last.value + Math.floor(((last.value - origin.value) * (12 - last.month)) / (last.month - origin.month));
  const floor = Math.max(0, projected);
  return indicator.unit === 'percent' ? Math.min(floor, 10_000) : floor;
}

export interface Assessment {
  goal: Goal | null;
  latest: MonthFigure | null;
  projected: number | null;
  /** Latest ÷ goal in hundredths of a percent (8750 = 87.5%), rounded down. */
  completion: number | null;
  light: Light;
  /** Decided once December is reported: the year's figure against its goal. */
  met: boolean | null;
}

/** An indicator's position in `year` as of the reports up to `throughMonth`. */
export function assessIndicator(indicator: Indicator, year: number, throughMonth: number, series: MonthFigure[], settings: Plan['settings']): Assessment {
  const upTo = series.filter((p) => p.year < year || (p.year === year && p.month <= throughMonth));
  const thisYear = upTo.filter((p) => p.year === year).sort((a, b) => a.month - b.month);
  const previousDecember = upTo.find((p) => p.year === year - 1 && p.month === 12)?.value ?? null;
  const goal = goalFor(indicator, year, settings);
  const latest = thisYear.at(-1) ?? null;
  const projected = projectYearEnd(indicator, year, thisYear, previousDecember);
  const completion = goal && latest ? Math.floor((latest.value * 10_000) / goal.value) : null;
  let light: Light = 'none';
  let met: boolean | null = null;
  if (goal && latest && projected !== null) {
    if (latest.month === 12) met = latest.value >= goal.value;
    // 以上/不少于: reaching the goal meets it (民法典 第1259条).
    if (projected >= goal.value) light = 'green';
    else if (projected * 100 >= goal.value * settings.amberPercent) light = 'amber';
    else light = 'red';
  }
  return { goal, latest, projected, completion, light, met };
}

/** The last day a month's report is on time: `reportDueDay` of the following month. */
export function dueDate(year: number, month: number, dueDay: number): string {
  const y = month === 12 ? year + 1 : year;
  const m = month === 12 ? 1 : month + 1;
  return `${y}-${String(m).padStart(2, '0')}-${String(dueDay).padStart(2, '0')}`;
}

/** Months of the plan whose report was due before `today` (ISO date), oldest first. */
export function monthsDue(plan: Pick<Plan, 'firstYear' | 'lastYear' | 'settings'>, today: string): { year: number; month: number; due: string }[] {
  const out: { year: number; month: number; due: string }[] = [];
  for (let y = plan.firstYear; y <= plan.lastYear; y++) {
    for (let m = 1; m <= 12; m++) {
      const due = dueDate(y, m, plan.settings.reportDueDay);
      if (due < today) out.push({ year: y, month: m, due });
    }
  }
  return out;
}

export type Agreement = 'agrees' | 'differs' | 'below-records';

/**
 * A reported figure against the platform's records. `exact`: the platform is the record, any
 * difference is flagged. `at-least`: the platform holds only part of it, so only a report below
 * what the platform already knows is flagged.
 */
export function compareWithRecords(compare: 'exact' | 'at-least', reported: number, records: number): Agreement {
  if (reported === records) return 'agrees';
  if (reported < records) return compare === 'exact' ? 'differs' : 'below-records';
  return compare === 'exact' ? 'differs' : 'agrees';
}

/** The quarter a month belongs to (1–4) and the last month of a quarter. */
export const quarterOf = (month: number) => Math.ceil(month / 3);
export const quarterEnd = (quarter: number) => quarter * 3;
