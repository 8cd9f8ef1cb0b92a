// What the officers' homes share (DirectorHome, RegionHome, FinanceHome): the year the figures are
// for, the assessment's month-by-month tracking (one request: GET /dashboard/assessment-trend), the
// ranking, targets against progress, the forecast's warnings, fund use by fund and by region, and
// the clickable figures that open the records behind them. A figure that failed to load says so
// (ErrorAlert, or "—" beside an alert) and is never shown as 0.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Progress, Row, Select, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ApplicationsReport, Fund } from '../../api/applications.ts';
import { ApiError, api } from '../../api/client.ts';
import type { Assessment } from '../../api/types.ts';
import { CHART_COLORS, type ChartOption, EChart } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fenToDecimal, formatCount, formatNumber, formatWan, formatYuan } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { type MessageKey, type Translate, useI18n } from '../../lib/i18n.tsx';

// ---- the assessment's shapes as the homes read them ----

export type Category = 'retrofit' | 'cloud' | 'portrait' | 'benchmark' | 'coverage';
export const HOME_CATEGORIES: readonly Category[] = ['retrofit', 'cloud', 'portrait', 'benchmark', 'coverage'];
export interface TrendCell { target: number; actual: number; rate: string; behindSchedule: boolean }
export interface TrendRow { regionId: string; regionName: string; cells: Record<Category, TrendCell>; behindCount?: number }
export interface TrendMonth { year: number; month: number; timeProgress: string; rows: TrendRow[]; cityTotal: TrendRow }
export interface Trend { today: string; requestedYear: number; year: number; month: number; source: 'database' | 'built-in'; months: TrendMonth[] }
export interface ForecastItem {
  regionId: string; regionName: string; category: Category; target: number; actual: number; rate: string; projected: string; projectedRate: string;
  status: 'on-track' | 'below-target' | 'below-half'; statusName: string; remaining: number; perMonthNeeded: number; explanation: string;
}

/** 403 with details.notAssessed: the reader's region is not scored under 附件2 (every Suzhou region). */
export const notAssessed = (e: unknown): boolean =>
  e instanceof ApiError && e.status === 403 && (e.details as { notAssessed?: unknown } | undefined)?.notAssessed === true;
/** A refusal is an answer (no targets, not assessed): asking again would not change it. */
const retryUnlessRefused = (count: number, e: unknown) => !(e instanceof ApiError && e.status < 500) && count < 2;

export const categoryLabel = (c: Category, t: Translate) => t(`home.cat.${c}` as MessageKey);
/** "45.00%" → 45 (for drawing; the text shown is the API's). */
export const ratePercent = (rate: string) => Number.parseFloat(rate) || 0;
/** The 季度 whose end the month falls in or before: a simulated score runs through the last complete quarter's records. */
export const quarterOf = (month: number) => Math.min(4, Math.ceil(month / 3));

export function useTrend(enabled = true) {
  return useQuery({
    queryKey: ['assessment', 'home-trend'],
    queryFn: () => api.get<Trend>('/dashboard/assessment-trend'),
    retry: retryUnlessRefused,
    enabled,
  });
}

export function useScores(year: number | undefined, quarter: number) {
  return useQuery({
    queryKey: ['assessment', year, 'home-scores', quarter],
    queryFn: () => api.get<Assessment>(`/assessment/${year}/scores`, { quarter }),
    enabled: year !== undefined,
    retry: retryUnlessRefused,
  });
}

export function useForecast(year: number | undefined, month: number | undefined) {
  return useQuery({
    queryKey: ['assessment', year, 'home-forecast', month],
    queryFn: () => api.get<ForecastItem[]>(`/assessment/${year}/forecast`, { month }),
    enabled: year !== undefined && month !== undefined,
    retry: retryUnlessRefused,
  });
}

/** The business year (from the server's date), for the money figures. */
export function useBusinessYear(): number {
  const { date } = useBusinessDate();
  return Number(date.slice(0, 4));
}

export function useFunds(year: number) {
  return useQuery({ queryKey: ['funds', 'home', year], queryFn: () => api.get<Fund[]>('/funds', { year }) });
}

export function useFundReport(year: number) {
  return useQuery({ queryKey: ['reports', 'applications', 'home', year], queryFn: () => api.get<ApplicationsReport>('/reports/applications', { year }) });
}

/** How many applications wait on a step of the reader's role (the 待办审核 list's total). */
export function useTodoCount(enabled = true) {
  return useQuery({
    queryKey: ['applications', 'todo', 'home-count'],
    queryFn: () => api.get<{ total: number }>('/applications', { todo: true, page: 1, pageSize: 1 }),
    enabled,
  });
}

/**
 * An amount for reading in the page's language, exact from fen: 325 万元 in Chinese, CNY 3,250,000 in
 * English (a reader of the English page does not count in 万).
 */
export function useMoney(): (fen: number) => string {
  const { lang } = useI18n();
  return lang === 'zh' ? formatWan : (fen: number) => `CNY ${formatYuan(fen).replace(/ 元$/, '')}`;
}

// ---- layout pieces ----

export function HomeHead({ title, scope, extra }: { title: string; scope: ReactNode; extra?: ReactNode }) {
  return (
    <div className="zgsz-page-head">
      <Space direction="vertical" size={0}>
        <Typography.Title level={4} data-testid="home-title">{title}</Typography.Title>
        <Typography.Text type="secondary">{scope}</Typography.Text>
      </Space>
      {extra}
    </div>
  );
}

/**
 * One figure of the pending work or the year's state, opening the records behind it. `error`: the
 * figure did not load — shown as "—" with the reason on hover, never as 0.
 */
export function KpiLink({ testId, label, value, suffix, to, loading, error, tone, hint }: {
  testId: string; label: string; value: ReactNode; suffix?: string; to: string; loading?: boolean; error?: unknown; tone?: 'warn' | 'bad'; hint?: string;
}) {
  const { t } = useI18n();
  const color = error ? '#cf1322' : tone === 'bad' ? '#cf1322' : tone === 'warn' ? '#d46b08' : undefined;
  return (
    <Link to={to} data-testid={`kpi-link-${testId}`} className="zgsz-home-kpi">
      <Card size="small" hoverable className="zgsz-kpi" style={{ height: '100%' }}>
        <Statistic
          title={hint ? <Tooltip title={hint}><span>{label}</span></Tooltip> : label}
          value={error ? '—' : (value as string | number)} loading={loading && !error} suffix={error ? undefined : suffix}
          valueStyle={{ color, fontSize: 22 }} data-testid={`kpi-${testId}`} />
        {error ? <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`kpi-${testId}-error`}>{t('home.kpiFailed')}</Typography.Text> : null}
      </Card>
    </Link>
  );
}

export function SectionCard({ title, extra, testId, children }: { title: ReactNode; extra?: ReactNode; testId?: string; children: ReactNode }) {
  return <Card size="small" title={title} extra={extra} className="zgsz-chart-card" data-testid={testId} style={{ height: '100%' }}>{children}</Card>;
}

export function MoreLink({ to, label, testId }: { to: string; label: string; testId?: string }) {
  const navigate = useNavigate();
  return <Button type="link" size="small" onClick={() => navigate(to)} data-testid={testId}>{label}</Button>;
}

/** The year shown and why: the business year, or the latest year with targets while it has none. */
export function YearNotice({ trend, canImport }: { trend: Trend; canImport: boolean }) {
  const { t } = useI18n();
  if (trend.year === trend.requestedYear) return null;
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="home-year-notice"
      title={t('home.yearFallback', { requested: trend.requestedYear, year: trend.year })}
      description={canImport ? t('home.yearFallback.admin', { requested: trend.requestedYear }) : t('home.yearFallback.other', { requested: trend.requestedYear })}
      action={canImport ? <Link to={assessmentLink(trend.requestedYear, undefined, 'targets')} data-testid="home-import-targets"><Button size="small">{t('home.toAssessment')}</Button></Link> : undefined} />
  );
}

export type AssessmentTab = 'scores' | 'targets' | 'tracking' | 'forecast';
/** The assessment page's tab for the year (its tabs are paths: /assessment/tracking?year=…); `regionId` picks the region where the tab offers it. */
export const assessmentLink = (year: number, regionId?: string, tab: AssessmentTab = 'scores') =>
  `/assessment${tab === 'scores' ? '' : `/${tab}`}?year=${year}${regionId ? `&regionId=${encodeURIComponent(regionId)}` : ''}`;

// ---- ranking ----

export function RankingCard({ year, month, highlight }: { year: number; month: number; highlight?: string }) {
  const { t } = useI18n();
  const quarter = quarterOf(month);
  const scores = useScores(year, quarter);
  const ranking = useMemo(() => scores.data?.ranking ?? [], [scores.data]);
  type Row = (typeof ranking)[number];
  const columns: ColumnsType<Row> = [
    { title: t('home.rank'), dataIndex: 'rank', width: 56, align: 'center' },
    {
      title: t('home.region'), dataIndex: 'regionName', width: 130,
      render: (v: string, r) => <Link to={assessmentLink(year, r.regionId)} style={{ whiteSpace: 'nowrap', fontWeight: r.regionId === highlight ? 700 : undefined }} data-testid={`rank-link-${r.regionId}`}>{v}</Link>,
    },
    {
      title: t('home.score'), dataIndex: 'total', render: (v: number, r) => (
        <Space size={8} style={{ width: '100%' }}>
          <Progress percent={Math.max(0, Math.min(100, v))} showInfo={false} size="small" style={{ width: 150, margin: 0 }}
            strokeColor={r.regionId === highlight ? CHART_COLORS[2] : CHART_COLORS[0]} />
          <span data-testid={`rank-score-${r.regionId}`} style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(v)}</span>
        </Space>
      ),
    },
  ];
  return (
    <SectionCard testId="home-ranking"
      title={t('home.ranking', { year, quarter: quarter === 4 ? t('home.fullYear') : t('home.throughQuarter', { quarter }) })}
      extra={<MoreLink to={assessmentLink(year)} label={t('home.scoreSheets')} testId="home-ranking-more" />}>
      {scores.isError ? <ErrorAlert error={scores.error} onRetry={() => void scores.refetch()} />
        : scores.isPending ? <Skeleton active paragraph={{ rows: 6 }} />
          : !ranking.length ? <Empty description={t('common.empty')} />
            : (
              <Table size="small" rowKey="regionId" dataSource={ranking} columns={columns} pagination={false} data-testid="home-ranking-table"
                rowClassName={(r) => (r.regionId === highlight ? 'zgsz-row-selected' : '')} />
            )}
    </SectionCard>
  );
}

/** A chart whose bars, lines or areas open the records behind them. */
export function ClickableChart({ option, height, testId, onEvents }: { option: ChartOption; height: number; testId: string; onEvents: Record<string, (p: never) => void> }) {
  return <EChart option={option} height={height} testId={testId} onEvents={onEvents} />;
}

// ---- trend ----

type TrendMode = { kind: 'regions'; category: Category } | { kind: 'categories'; regionId: string };

/** Month by month: one line per region for a chosen category (city), or one per category (one region). */
export function TrendCard({ trend, regionId }: { trend: Trend; regionId?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [category, setCategory] = useState<Category>('retrofit');
  const mode: TrendMode = regionId ? { kind: 'categories', regionId } : { kind: 'regions', category };
  const option = useMemo<ChartOption>(() => {
    const months = trend.months;
    const x = months.map((m) => t('home.monthShort', { month: m.month }));
    const schedule = { name: t('home.timeProgress'), type: 'line', data: months.map((m) => ratePercent(m.timeProgress)), lineStyle: { type: 'dashed', color: '#999' }, itemStyle: { color: '#999' }, symbol: 'none' };
    const series = mode.kind === 'regions'
      ? (months.at(-1)?.rows ?? []).map((r) => ({
          name: r.regionName, type: 'line', smooth: false, symbolSize: 5,
          data: months.map((m) => ratePercent(m.rows.find((x) => x.regionId === r.regionId)?.cells[mode.category].rate ?? '0')),
        }))
      : HOME_CATEGORIES.map((c) => ({
          name: categoryLabel(c, t), type: 'line', symbolSize: 5,
          data: months.map((m) => ratePercent(m.rows.find((x) => x.regionId === mode.regionId)?.cells[c].rate ?? '0')),
        }));
    return {
      color: [...CHART_COLORS],
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}%` },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: x, boundaryGap: false },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [...series, schedule],
    };
  }, [trend, mode.kind, mode.kind === 'regions' ? mode.category : mode.regionId, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const onEvents = useMemo(() => ({ click: () => navigate(assessmentLink(trend.year, regionId, 'tracking')) }), [navigate, trend.year, regionId]);
  return (
    <SectionCard testId="home-trend"
      title={t('home.trend', { year: trend.year, month: trend.month })}
      extra={regionId ? <MoreLink to={assessmentLink(trend.year, regionId, 'tracking')} label={t('home.tracking')} testId="home-trend-more" /> : (
        <Space size={4}>
          <Select size="small" value={category} onChange={setCategory} data-testid="home-trend-category" style={{ width: 170 }} popupMatchSelectWidth={false}
            options={HOME_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c, t) }))} />
          <MoreLink to={assessmentLink(trend.year, undefined, 'tracking')} label={t('home.tracking')} testId="home-trend-more" />
        </Space>
      )}>
      <ClickableChart option={option} height={300} testId="chart-trend" onEvents={onEvents} />
    </SectionCard>
  );
}

// ---- targets against progress ----

/** The latest month's targets, completions and rates per category, for the city (sum) or one region. */
export function TargetsCard({ trend, regionId }: { trend: Trend; regionId?: string }) {
  const { t } = useI18n();
  const last = trend.months.at(-1);
  const row = regionId ? last?.rows.find((r) => r.regionId === regionId) : last?.cityTotal;
  interface Line { category: Category; cell: TrendCell }
  const data: Line[] = row ? HOME_CATEGORIES.map((c) => ({ category: c, cell: row.cells[c] })) : [];
  const unit = (c: Category) => (c === 'coverage' ? t('home.unit.enterprises') : t('home.unit.projects'));
  const columns: ColumnsType<Line> = [
    { title: t('home.category'), dataIndex: 'category', render: (c: Category) => categoryLabel(c, t), width: 150 },
    { title: t('home.target'), key: 'target', align: 'right', width: 80, render: (_, l) => <span data-testid={`target-${l.category}`}>{formatCount(l.cell.target)}</span> },
    { title: t('home.actual'), key: 'actual', align: 'right', width: 80, render: (_, l) => <span data-testid={`actual-${l.category}`}>{formatCount(l.cell.actual)}</span> },
    {
      title: t('home.rate'), key: 'rate', render: (_, l) => (
        <Space size={6} style={{ width: '100%' }}>
          <Progress percent={Math.min(100, ratePercent(l.cell.rate))} size="small" showInfo={false} style={{ width: 90, margin: 0 }}
            strokeColor={l.cell.behindSchedule ? '#d46b08' : '#2f9e6e'} />
          <span data-testid={`rate-${l.category}`}>{l.cell.rate}</span>
          {l.cell.behindSchedule ? <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('home.behind')}</Tag> : null}
        </Space>
      ),
    },
  ];
  return (
    <SectionCard testId="home-targets"
      title={t('home.targets', { scope: regionId ? row?.regionName ?? '' : t('home.cityTotal'), month: trend.month })}
      extra={<MoreLink to={assessmentLink(trend.year, regionId, 'tracking')} label={t('home.tracking')} testId="home-targets-more" />}>
      <Table size="small" rowKey="category" dataSource={data} columns={columns} pagination={false} data-testid="home-targets-table"
        footer={() => (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('home.targetsNote', { schedule: last?.timeProgress ?? '—', unitCount: unit('retrofit'), unitCoverage: unit('coverage') })}
          </Typography.Text>
        )} />
    </SectionCard>
  );
}

// ---- lagging regions (forecast) ----

export function LaggingCard({ year, month, regionId }: { year: number; month: number; regionId?: string }) {
  const { t } = useI18n();
  const forecast = useForecast(year, month);
  const warnings = (forecast.data ?? []).filter((f) => f.status !== 'on-track' && (!regionId || f.regionId === regionId));
  const byRegion = new Map<string, ForecastItem[]>();
  for (const w of warnings) byRegion.set(w.regionId, [...(byRegion.get(w.regionId) ?? []), w]);
  const severity = (items: ForecastItem[]) => items.filter((i) => i.status === 'below-half').length * 10 + items.length;
  const regions = [...byRegion.entries()].sort((a, b) => severity(b[1]) - severity(a[1]));
  return (
    <SectionCard testId="home-lagging"
      title={regionId ? t('home.lagging.own', { year }) : t('home.lagging', { year })}
      extra={<MoreLink to={assessmentLink(year, regionId, 'forecast')} label={t('home.forecast')} testId="home-lagging-more" />}>
      {forecast.isError ? <ErrorAlert error={forecast.error} onRetry={() => void forecast.refetch()} />
        : forecast.isPending ? <Skeleton active paragraph={{ rows: 4 }} />
          : !regions.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.lagging.none')} />
            : (
              <div style={{ maxHeight: 300, overflowY: 'auto' }}>
                {regions.map(([id, items]) => (
                  <div key={id} className="zgsz-home-lag" data-testid={`lagging-${id}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                    <Link to={assessmentLink(year, id, 'forecast')} style={{ fontWeight: 600, marginRight: 8, whiteSpace: 'nowrap' }} data-testid={`lagging-link-${id}`}>{items[0]!.regionName}</Link>
                    {items.map((i) => (
                      <Tooltip key={i.category} title={i.explanation}>
                        <Tag color={i.status === 'below-half' ? 'red' : 'orange'} style={{ marginBottom: 4 }} data-testid={`lagging-${id}-${i.category}`}>
                          {categoryLabel(i.category, t)} {t('home.projected', { rate: i.projectedRate })}
                        </Tag>
                      </Tooltip>
                    ))}
                  </div>
                ))}
              </div>
            )}
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>{t('home.lagging.note', { month })}</Typography.Text>
    </SectionCard>
  );
}

// ---- money ----

const wan = (fen: number) => Number(fenToDecimal(fen, '万元'));

/** Per region: applications, amounts approved (committed) and paid in the year. */
export function FundsByRegionCard({ year }: { year: number }) {
  const { t } = useI18n();
  const money = useMoney();
  const navigate = useNavigate();
  const report = useFundReport(year);
  const rows = useMemo(() => report.data?.byRegion ?? [], [report.data]);
  const option = useMemo<ChartOption>(() => ({
    color: [CHART_COLORS[0], CHART_COLORS[3]],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${String(v)} ${t('home.wanYuan')}` },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.regionName), axisLabel: { interval: 0, color: '#333' } },
    yAxis: { type: 'value', name: t('home.wanYuan') },
    series: [
      { name: t('home.approved'), type: 'bar', barMaxWidth: 26, data: rows.map((r) => wan(r.approvedFen)) },
      { name: t('home.disbursed'), type: 'bar', barMaxWidth: 26, data: rows.map((r) => wan(r.disbursedFen)) },
    ],
  }), [rows, t]);
  const onEvents = useMemo(() => ({ click: () => navigate(`/applications?status=approved&year=${year}`) }), [navigate, year]);
  const columns: ColumnsType<(typeof rows)[number]> = [
    { title: t('home.region'), dataIndex: 'regionName', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
    { title: t('home.applications'), dataIndex: 'count', align: 'right', render: (v: number, r) => <Link to={`/applications?year=${year}`} data-testid={`region-count-${r.key}`}>{formatCount(v)}</Link> },
    { title: t('home.approved'), dataIndex: 'approvedFen', align: 'right', render: (v: number, r) => <span data-testid={`region-approved-${r.key}`}>{money(v)}</span> },
    { title: t('home.disbursed'), dataIndex: 'disbursedFen', align: 'right', render: (v: number, r) => <span data-testid={`region-disbursed-${r.key}`}>{money(v)}</span> },
  ];
  return (
    <SectionCard testId="home-funds-region" title={t('home.fundsByRegion', { year })}
      extra={<MoreLink to="/reports" label={t('home.reports')} testId="home-funds-region-more" />}>
      {report.isError ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
        : report.isPending ? <Skeleton active paragraph={{ rows: 4 }} />
          : !rows.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noApplications', { year })} />
            : (
              <Row gutter={12}>
                <Col xs={24} xl={13}><ClickableChart option={option} height={240} testId="chart-funds-region" onEvents={onEvents} /></Col>
                <Col xs={24} xl={11}><Table size="small" rowKey="key" dataSource={rows} columns={columns} pagination={false} data-testid="home-funds-region-table" /></Col>
              </Row>
            )}
    </SectionCard>
  );
}

/** Each fund of the year: budget, committed (approved) and paid; a budget below the text's floor is flagged. */
export function FundBudgetCard({ year, city }: { year: number; city?: 'yangzhou' | 'suzhou' }) {
  const { t } = useI18n();
  const money = useMoney();
  const funds = useFunds(year);
  // An officer's list holds the other city's municipal fund too: only its own city's funds concern it.
  const list = (funds.data ?? []).filter((f) => !city || f.city === city);
  const columns: ColumnsType<Fund> = [
    {
      title: t('home.fund'), dataIndex: 'name', render: (v: string, f) => (
        <span>{v}{f.floorWarning ? <Tooltip title={f.floorWarning}><Tag color="orange" style={{ marginLeft: 6 }}>{t('home.belowFloor')}</Tag></Tooltip> : null}</span>
      ),
    },
    { title: t('home.budget'), dataIndex: 'budgetFen', align: 'right', render: (v: number) => money(v) },
    { title: t('home.committed'), dataIndex: 'committedFen', align: 'right', render: (v: number, f) => <span data-testid={`fund-committed-${f.id}`}>{money(v)}</span> },
    { title: t('home.disbursed'), dataIndex: 'disbursedFen', align: 'right', render: (v: number, f) => <span data-testid={`fund-disbursed-${f.id}`}>{money(v)}</span> },
    {
      title: t('home.used'), key: 'used', width: 130, render: (_, f) => (
        <Progress size="small" percent={f.budgetFen ? Math.round((f.committedFen / f.budgetFen) * 100) : 0}
          success={{ percent: f.budgetFen ? Math.round((f.disbursedFen / f.budgetFen) * 100) : 0 }} />
      ),
    },
  ];
  return (
    <SectionCard testId="home-funds" title={t('home.funds', { year })} extra={<MoreLink to="/funds" label={t('home.fundsPage')} testId="home-funds-more" />}>
      {funds.isError ? <ErrorAlert error={funds.error} onRetry={() => void funds.refetch()} />
        : funds.isPending ? <Skeleton active paragraph={{ rows: 3 }} />
          : !list.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noFunds', { year })} />
            : <Table size="small" rowKey="id" dataSource={list} columns={columns} pagination={false} data-testid="home-funds-table" />}
    </SectionCard>
  );
}

/** Errors of the figures at the top, said once in words (each figure shows "—"). */
export function KpiErrors({ errors }: { errors: unknown[] }) {
  const { t } = useI18n();
  const first = errors.find(Boolean);
  if (!first) return null;
  return <ErrorAlert error={first} title={t('home.kpiErrors')} />;
}
