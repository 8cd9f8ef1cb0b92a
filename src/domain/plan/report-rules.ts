// What a monthly report must satisfy before it is written. Every refusal names its field and what
// is allowed; nothing here reads the database or the clock — the caller brings the neighbouring
// reports and the business date.
import { invalid } from '../errors.ts';
import type { Indicator, Plan } from './goal-tree.ts';
import type { MonthFigure } from './progress.ts';

export interface ReportInput {
  year: number;
  month: number;
  /** As stored: a count, hundredths of a percent, or 分. */
  value: number;
  note: string | null;
}

/** Writing rules per unit, in the words an officer reads. */
const UNIT_WORDS = { count: '个数(非负整数)', percent: '百分比(0–100,至多两位小数)', money: '金额(元,至多两位小数)' } as const;

/** The largest stored value: counts and 分 up to 10^13 (1000亿元), percentages up to 100%. */
const MAX = { count: 10_000_000_000_000, percent: 10_000, money: 10_000_000_000_000 } as const;

/** The year and month of a business date. */
export const monthOf = (today: string) => ({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });

/**
 * Checks a report against the plan, the date and the reports around it. `previous` and `next` are
 * the nearest reported months before and after in the same running series (the same year for a
 * yearly indicator). A running total that goes down, or a correction that would put a month above
 * the next, needs a note saying why — the history keeps the figure it replaces.
 */
export function checkReport(plan: Pick<Plan, 'firstYear' | 'lastYear'>, indicator: Indicator, input: ReportInput, today: string,
  neighbours: { previous: MonthFigure | null; next: MonthFigure | null }): void {
  if (!Number.isInteger(input.year) || input.year < plan.firstYear || input.year > plan.lastYear) {
    throw invalid('year', `year 须为实施意见的年份 ${plan.firstYear}–${plan.lastYear}`);
  }
  if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12) throw invalid('month', 'month 须为 1–12 的整数');
  const now = monthOf(today);
  if (input.year > now.year || (input.year === now.year && input.month > now.month)) {
    throw invalid('month', `${input.year}年${input.month}月尚未到来(业务日期 ${today}),只能报送本月及以前的数据`);
  }
  if (!Number.isSafeInteger(input.value) || input.value < 0 || input.value > MAX[indicator.unit]) {
    throw invalid('value', `数值须为${UNIT_WORDS[indicator.unit]}`);
  }
  if (indicator.kind === 'level') return;
  const what = indicator.kind === 'yearly' ? '本年累计数' : '累计数';
  if (!input.note) {
    const { previous, next } = neighbours;
    if (previous && input.value < previous.value) {
      throw invalid('note', `${what}不得低于${previous.year}年${previous.month}月已报的 ${formatFigure(indicator.unit, previous.value)};如属更正,请在说明中写明原因`);
    }
    if (next && input.value > next.value) {
      throw invalid('note', `${what}不得高于${next.year}年${next.month}月已报的 ${formatFigure(indicator.unit, next.value)};如属更正,请在说明中写明原因`);
    }
  }
}

/** Which reports form one running series with (year, month): the same year for yearly figures. */
export function sameSeries(indicator: Indicator, year: number, other: { year: number }): boolean {
  return indicator.kind !== 'yearly' || other.year === year;
}

/**
 * A figure as people write it (a JSON number or a decimal string in the indicator's unit: 个, %, 元)
 * converted exactly to its stored integer. No binary floating point touches it: the text is read
 * digit by digit, and a third decimal of a percentage or of 元 is refused rather than rounded.
 */
export function parseFigure(indicator: Pick<Indicator, 'unit'>, raw: unknown, field = 'value'): number {
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : null;
  const decimals = indicator.unit === 'count' ? 0 : 2;
  const m = text === null ? null : /^(\d{1,13})(?:\.(\d+))?$/.exec(text);
  if (!m || (m[2] !== undefined && m[2].replace(/0+$/, '').length > decimals)) {
    throw invalid(field, `数值须为${UNIT_WORDS[indicator.unit]}`);
  }
  const fraction = (m[2] ?? '').replace(/0+$/, '').padEnd(decimals, '0');
  const value = Number(m[1]) * 10 ** decimals + (decimals ? Number(fraction) : 0);
  if (!Number.isSafeInteger(value) || value > MAX[indicator.unit]) throw invalid(field, `数值须为${UNIT_WORDS[indicator.unit]}`);
  return value;
}

/** A stored figure as people read it: 420、65.5%、3000万元. */
export function formatFigure(unit: Indicator['unit'], value: number): string {
  if (unit === 'count') return String(value);
  if (unit === 'percent') return `${trimDecimals(Math.floor(value / 100), value % 100, 2)}%`;
  // 分 → 万元: 10^6 分 to the 万元, so six decimals are exact.
  return `${trimDecimals(Math.floor(value / 1_000_000), value % 1_000_000, 6)}万元`;
}

function trimDecimals(whole: number, fraction: number, digits: number): string {
  const f = String(fraction).padStart(digits, '0').replace(/0+$/, '');
  return f ? `${whole}.${f}` : String(whole);
}
