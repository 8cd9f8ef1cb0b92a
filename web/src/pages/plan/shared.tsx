// What the 十大行动 pages share: the light, report-state and records tags, the goal with its 进度参考
// mark, the units as an officer writes them, the period picker, the Suzhou notice, the overdue
// alert, and the report form and indicator drawer every page opens from a row.
import { ExclamationCircleOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Result, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type {
  Agreement, DispatchRow, GoalView, IndicatorKind, IndicatorUnit, Light, Overdue, OverdueItem, Period, PlanIndicator, PlanTree, ReportState, Unavailable,
} from '../../api/plan.ts';
import type { User } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fenToDecimal } from '../../lib/format.ts';
import { useBusinessDate, useHealth } from '../../lib/health.ts';
import { type MessageKey, type Translate, useI18n } from '../../lib/i18n.tsx';
import { LIGHT_HEX, LIGHTS, monthLabel, ymLabel } from './lights.ts';

// ---- lights, states, agreement ----

export const LIGHT_COLOR: Record<Light, string> = { green: 'success', amber: 'warning', red: 'error', none: 'default' };
export { LIGHT_HEX, LIGHTS, monthLabel, ymLabel };

export function LightTag({ light, testId, amberPercent = 90 }: { light: Light; testId?: string; amberPercent?: number }) {
  const { t } = useI18n();
  return (
    <Tooltip title={t(`plan.light.${light}.help`, { amber: amberPercent })}>
      <Tag color={LIGHT_COLOR[light]} data-testid={testId} data-light={light} style={{ marginInlineEnd: 0 }}>{t(`plan.light.${light}`)}</Tag>
    </Tooltip>
  );
}

const STATE_COLOR: Record<ReportState, string> = { 'on-time': 'success', late: 'orange', overdue: 'error', pending: 'default' };

export function ReportStateTag({ state, due }: { state: ReportState; due?: string }) {
  const { t } = useI18n();
  return (
    <Tooltip title={due ? t('plan.state.due', { due }) : undefined}>
      <Tag color={STATE_COLOR[state]} style={{ marginInlineEnd: 0 }} data-state={state}>{t(`plan.state.${state}`)}</Tag>
    </Tooltip>
  );
}

export function AgreementTag({ agreement }: { agreement: Agreement | null }) {
  const { t } = useI18n();
  if (!agreement) return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('plan.records.notCompared')}</Typography.Text>;
  if (agreement === 'agrees') return <Tag color="success" style={{ marginInlineEnd: 0 }}>{t('plan.records.agrees')}</Tag>;
  return (
    <Tooltip title={t(`plan.records.${agreement}.help`)}>
      <Tag color="warning" icon={<ExclamationCircleOutlined />} style={{ marginInlineEnd: 0 }} data-agreement={agreement}>{t(`plan.records.${agreement}`)}</Tag>
    </Tooltip>
  );
}

/** A goal as the text sets it, or the straight-line pace between two stated goals (进度参考). */
export function GoalText({ goal, year, next }: { goal: { display: string; stated: boolean } | null; year?: number; next?: GoalView | null }) {
  const { t } = useI18n();
  if (!goal) {
    return (
      <Tooltip title={t('plan.goal.noneHelp')}>
        <div>
          <Typography.Text type="secondary">{t('plan.goal.none')}</Typography.Text>
          {next ? <div className="zgsz-plan-sub zgsz-nowrap">{t('plan.goal.next', { year: next.year, value: next.display })}</div> : null}
        </div>
      </Tooltip>
    );
  }
  return (
    <span className="zgsz-nowrap">
      <span className="zgsz-figure">{goal.display}</span>
      {goal.stated ? null : <PaceTag year={year} />}
    </span>
  );
}

export function PaceTag({ year }: { year?: number }) {
  const { t } = useI18n();
  return (
    <Tooltip title={t('plan.goal.paceHelp')}>
      <Tag color="blue" variant="outlined" style={{ marginInlineStart: 4, marginInlineEnd: 0, fontSize: 11 }} data-testid={year ? `pace-${year}` : undefined}>{t('plan.goal.pace')}</Tag>
    </Tooltip>
  );
}

/** The goals of every year: 2022年 7900 · 2023年 9450(进度参考) · 2024年 11000. */
export function GoalsLine({ goals, years }: { goals: GoalView[]; years: number[] }) {
  const { t } = useI18n();
  return (
    <div className="zgsz-plan-goals">
      {years.map((y) => {
        const g = goals.find((x) => x.year === y);
        return (
          <span key={y} className="zgsz-plan-goal">
            <em>{t('plan.year', { year: y })}</em>
            {g ? <><b>{g.display}</b>{g.stated ? null : <PaceTag year={y} />}</> : <Typography.Text type="secondary">—</Typography.Text>}
          </span>
        );
      })}
    </div>
  );
}


/** 87.50% from hundredths of a percent, exact. */
export const formatCompletion = (c: number | null) => (c === null ? '—' : `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}%`);

/**
 * The measure word of a count as the text writes its goal (千项、千家、7900个、20次、3500家): the text
 * has no unit field, so the word is read from the quote where a goal figure is followed by one, the
 * occurrence whose following words best match the indicator's name; 个 when none is found.
 */
export function measureOf(i: Pick<PlanIndicator, 'unit' | 'quote' | 'goals' | 'name'>): string {
  if (i.unit !== 'count') return '';
  let best: { word: string; score: number } | null = null;
  for (const g of i.goals.filter((x) => x.stated)) {
    const forms = [String(g.value)];
    if (g.value === 1000) forms.push('千');
    if (g.value >= 10_000 && g.value % 1000 === 0) forms.push(`${g.value / 10_000}万`);
    for (const f of forms) {
      for (const m of i.quote.matchAll(new RegExp(`(?<![\\d.])${f.replace('.', '\\.')}([个项家次台套座])`, 'g'))) {
        const after = i.quote.slice(m.index + m[0].length);
        let score = 0;
        while (score < after.length && i.name.includes(after.slice(0, score + 1))) score++;
        if (!best || score > best.score) best = { word: m[1]!, score };
      }
    }
  }
  return best?.word ?? '个';
}

/** The unit as a label: the measure word of a count (in Chinese), %, 万元. */
export const unitWord = (unit: IndicatorUnit, t: Translate, measure = '个') => (unit === 'count' ? t('plan.unit.count', { measure }) : t(`plan.unit.${unit}`));

/** The measure word of an indicator of the plan by id (for rows that carry no quote). */
export const measureFor = (plan: PlanTree | undefined, indicatorId: string) => {
  const found = findIndicator(plan, indicatorId);
  return found ? measureOf(found.indicator) : '个';
};
export const kindLabel = (kind: IndicatorKind, t: Translate) => t(`plan.kind.${kind}`);

/** A stored figure as the officer types it in the form: 8400, 65.5 (%), 3000 (万元). */
export function inputOf(unit: IndicatorUnit, value: number): string {
  if (unit === 'count') return String(value);
  if (unit === 'percent') {
    const frac = String(value % 100).padStart(2, '0').replace(/0+$/, '');
    return `${Math.floor(value / 100)}${frac ? `.${frac}` : ''}`;
  }
  return fenToDecimal(value, '万元');
}

/** Which rows this account reports: its indicators (a region officer only its own region's row). */
export function reportsRow(plan: PlanTree | undefined, user: User, row: { indicatorId: string; regionId: string }): boolean {
  if (!plan || !plan.mine.includes(row.indicatorId)) return false;
  if (user.role === 'region_officer') return row.regionId !== '' && row.regionId === user.regionId;
  return true;
}

export const rowKey = (r: { indicatorId: string; regionId: string }) => (r.regionId ? `${r.indicatorId}-${r.regionId}` : r.indicatorId);

// ---- the period ----

/** The month a page reads, kept in the address (?year=&month=) so a link shows the same table. */
export function usePeriod(): [Period, (p: Period) => void] {
  const [params, setParams] = useSearchParams();
  const period = useMemo(() => {
    const num = (k: string) => {
      const v = Number(params.get(k));
      return Number.isInteger(v) && v > 0 ? v : undefined;
    };
    return { year: num('year'), month: num('month') };
  }, [params]);
  const set = (p: Period) => {
    const next = new URLSearchParams(params);
    for (const k of ['year', 'month'] as const) {
      if (p[k] === undefined) next.delete(k);
      else next.set(k, String(p[k]));
    }
    setParams(next, { replace: true });
  };
  return [period, set];
}

/**
 * The month a reporting unit is reporting now: the one just ended (due on the 10th of this month).
 * The city's tables open on the last month already due instead (the API's default).
 */
export function useReportingMonth(): Period {
  // Wait for the server's business date (a demo system's differs from the calendar).
  const date = useHealth().data?.businessDate;
  if (!date) return {};
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 1 ? { year: y - 1, month: 12 } : { year: y, month: m - 1 };
}

/** The business year and month (the demo date on a demo system). */
export function useBusinessMonth() {
  const { date } = useBusinessDate();
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), date };
}

export function PeriodPicker({ year, month, firstYear, lastYear, onChange, testId = 'plan-period' }: {
  year: number | undefined; month: number | undefined; firstYear: number; lastYear: number; onChange: (p: { year: number; month: number }) => void; testId?: string;
}) {
  const { t } = useI18n();
  const now = useBusinessMonth();
  const maxYear = Math.max(firstYear, Math.min(lastYear, now.year));
  const years = Array.from({ length: maxYear - firstYear + 1 }, (_, i) => maxYear - i);
  const future = (y: number, m: number) => y > now.year || (y === now.year && m > now.month);
  return (
    <Space size={6} data-testid={testId} wrap>
      <span>{t('plan.period')}</span>
      <Select value={year} style={{ width: 104 }} data-testid={`${testId}-year`}
        options={years.map((y) => ({ value: y, label: t('plan.year', { year: y }) }))}
        onChange={(y: number) => onChange({ year: y, month: Math.min(month ?? 12, y === now.year ? now.month : 12) })} />
      <Select value={month} style={{ width: 88 }} data-testid={`${testId}-month`}
        options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: monthLabel(t, i + 1), disabled: year !== undefined && future(year, i + 1) }))}
        onChange={(m: number) => onChange({ year: year ?? now.year, month: m })} />
    </Space>
  );
}

// ---- notices ----

/** 苏州 has no action plan: the reason the API gives, never an empty table. */
export function PlanUnavailable({ data, testId }: { data: Unavailable; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="zgsz-page" data-testid={testId}>
      <Card>
        <Result status="info" title={t('plan.unavailable.title')} data-testid="plan-unavailable"
          subTitle={<div style={{ maxWidth: 720, margin: '0 auto' }}><Typography.Paragraph>{data.reason}</Typography.Paragraph><Typography.Text type="secondary">{t('plan.unavailable.help')}</Typography.Text></div>} />
      </Card>
    </div>
  );
}

/** The page frame while the plan loads or when it fails. */
export function PlanLoadError({ error, onRetry, testId }: { error: unknown; onRetry: () => void; testId: string }) {
  return <div className="zgsz-page" data-testid={testId}><ErrorAlert error={error} onRetry={onRetry} /></div>;
}

interface OverdueGroup { key: string; indicatorId: string; name: string; regionId: string; regionName: string | null; reporterName: string; items: OverdueItem[] }

/** Consecutive months as ranges: 2022年1月至2023年4月. */
function monthRanges(items: OverdueItem[], t: Translate): string {
  const ms = items.map((i) => i.year * 12 + i.month - 1).sort((a, b) => a - b);
  const parts: string[] = [];
  const label = (n: number) => ymLabel(t, Math.floor(n / 12), (n % 12) + 1);
  for (let i = 0; i < ms.length;) {
    let j = i;
    while (j + 1 < ms.length && ms[j + 1] === ms[j]! + 1) j++;
    parts.push(i === j ? label(ms[i]!) : t('plan.overdue.range', { from: label(ms[i]!), to: label(ms[j]!) }));
    i = j + 1;
  }
  return parts.join(t('plan.listSep'));
}

/**
 * 逾期未报: the account's reports past their due day, grouped per indicator (and region) with the
 * months as ranges — the city sees hundreds of missing months and needs the units, not a list.
 */
export function OverdueAlert({ overdue, plan, user, onReport, compact = false }: {
  overdue: Overdue | Unavailable | undefined; plan: PlanTree | undefined; user: User;
  onReport?: (item: OverdueItem) => void; compact?: boolean;
}) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const groups = useMemo(() => {
    const m = new Map<string, OverdueGroup>();
    if (overdue?.available) {
      for (const i of overdue.items) {
        const key = rowKey(i);
        const g = m.get(key) ?? { key, indicatorId: i.indicatorId, name: i.name, regionId: i.regionId, regionName: i.regionName, reporterName: i.reporterName, items: [] };
        g.items.push(i);
        m.set(key, g);
      }
    }
    return [...m.values()].sort((a, b) => b.items.length - a.items.length || a.name.localeCompare(b.name, 'zh'));
  }, [overdue]);
  if (!overdue?.available) return null;
  if (!overdue.count) {
    // An account that reports nothing has nothing to be late with: no reassurance needed.
    if (!plan?.mine.length) return null;
    return <Alert type="success" showIcon data-testid="plan-overdue" data-count={0} title={t('plan.overdue.none')} style={{ marginBottom: 12 }} />;
  }
  const units = new Set(groups.map((g) => g.reporterName)).size;
  const limit = compact ? 4 : 6;
  const shown = all ? groups : groups.slice(0, limit);
  return (
    <Alert
      type="warning" showIcon data-testid="plan-overdue" data-count={overdue.count} style={{ marginBottom: 12 }}
      title={(
        <Space size={8} wrap>
          <b>{t('plan.overdue.title')}</b>
          <Badge count={overdue.count} overflowCount={999} data-testid="plan-overdue-count" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('plan.overdue.summary', { count: overdue.count, indicators: groups.length, units, today: overdue.today })}</Typography.Text>
        </Space>
      )}
      description={(
        <div>
          <ul className="zgsz-plan-overdue">
            {shown.map((g) => {
              const latest = g.items.reduce((a, b) => (b.year * 12 + b.month > a.year * 12 + a.month ? b : a));
              const mine = onReport && reportsRow(plan, user, g);
              return (
                <li key={g.key} data-testid={`overdue-${g.key}`}>
                  <span className="zgsz-plan-overdue-name">{g.name}</span>
                  {/* A per-region figure's reporting unit is its region. */}
                  <Typography.Text type={g.regionName ? undefined : 'secondary'} className="zgsz-plan-overdue-unit">{g.regionName ?? g.reporterName}</Typography.Text>
                  <span>{t('plan.overdue.months', { count: g.items.length })}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{monthRanges(g.items, t)}</Typography.Text>
                  {mine ? (
                    <Button size="small" type="link" style={{ padding: 0, height: 'auto' }} onClick={() => onReport(latest)} data-testid={`overdue-report-${g.key}`}>
                      {t('plan.overdue.reportLatest', { month: ymLabel(t, latest.year, latest.month) })}
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {groups.length > limit ? (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setAll(!all)}>
              {all ? t('plan.overdue.less') : t('plan.overdue.more', { count: groups.length - limit })}
            </Button>
          ) : null}
        </div>
      )}
    />
  );
}

// ---- the report form and the indicator drawer, opened from any row ----

export interface ReportTarget {
  indicatorId: string; name: string; unit: IndicatorUnit; kind: IndicatorKind; regionId: string; regionName: string | null;
  reporterName: string | null; year: number; month: number;
}

export interface DetailTarget { indicatorId: string; regionId: string; regionName: string | null; year: number; month?: number | undefined }

export const targetOf = (r: DispatchRow, year: number, month: number): ReportTarget => ({
  indicatorId: r.indicatorId, name: r.name, unit: r.unit, kind: r.kind, regionId: r.regionId, regionName: r.regionName, reporterName: r.reporterName, year, month,
});

/** The first goal the text states after `year` (数控化率 65% in 2024), to show beside “no goal this year”. */
export function nextGoal(plan: PlanTree | undefined, indicatorId: string, year: number | undefined): GoalView | null {
  if (year === undefined) return null;
  return findIndicator(plan, indicatorId)?.indicator.goals.find((g) => g.stated && g.year > year) ?? null;
}

/** An indicator from the goal tree by id (name, unit, kind for a report opened from the overdue list). */
export function findIndicator(plan: PlanTree | undefined, id: string) {
  for (const a of plan?.actions ?? []) for (const i of a.indicators) if (i.id === id) return { action: a, indicator: i };
  return null;
}

export function overdueTarget(plan: PlanTree | undefined, item: OverdueItem): ReportTarget | null {
  const found = findIndicator(plan, item.indicatorId);
  if (!found) return null;
  const i = found.indicator;
  return { indicatorId: i.id, name: i.name, unit: i.unit, kind: i.kind, regionId: item.regionId, regionName: item.regionName, reporterName: item.reporterName, year: item.year, month: item.month };
}

/** A small “?” with an explanation. */
export function Help({ text }: { text: ReactNode }) {
  return <Tooltip title={text}><InfoCircleOutlined style={{ color: '#8c8c8c', marginInlineStart: 4 }} /></Tooltip>;
}

export const lightKey = (l: Light): MessageKey => `plan.light.${l}`;

/** 〔责任单位:市工信局、…〕 as a value beside its own label: the units, without the bracket and the label the text repeats. */
export const responsibilityText = (s: string) => s.replace(/^〔责任单位[::]/, '').replace(/〕$/, '');
