// One indicator: where the text sets it (clause, quote, 责任单位), its goals per year, the monthly
// trend against the year's goal, and every revision ever reported — who, when, the figure, why it
// was corrected, and the 证明材料 it cites (GET /plan/indicators/:id). Shown in a drawer from any
// row, and as a page (IndicatorPage.tsx) for a link.
import { EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Empty, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { evidenceUrl, type IndicatorHistory, type IndicatorUnit, type PlanTree, useIndicatorHistory } from '../../api/plan.ts';
import { CHART_COLORS, type ChartOption, EChart } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type Translate, useI18n } from '../../lib/i18n.tsx';
import { useSignedIn } from '../../lib/session.tsx';
import {
  type DetailTarget, findIndicator, GoalsLine, kindLabel, measureOf, monthLabel, reportsRow, type ReportTarget, responsibilityText, unitWord,
  useBusinessMonth, ymLabel,
} from './shared.tsx';

// The goal line: registered here, not in EChart.tsx, so the homes' charts do not carry it.
echarts.use([MarkLineComponent]);

export function IndicatorDrawer({ target, plan, onClose, onReport }: {
  target: DetailTarget | null; plan: PlanTree | undefined; onClose: () => void; onReport: (t: ReportTarget) => void;
}) {
  const { t } = useI18n();
  const found = target ? findIndicator(plan, target.indicatorId) : null;
  return (
    <Drawer open={!!target} onClose={onClose} size={880} destroyOnHidden data-testid="plan-indicator-drawer"
      title={found ? `${found.indicator.name}${target?.regionName ? `(${target.regionName})` : ''}` : t('plan.detail.title')}>
      {target ? <IndicatorDetail target={target} plan={plan} onReport={onReport} /> : null}
    </Drawer>
  );
}

/** A round number at or above x (3240 → 3300, 10206 → 11000; never a fraction of a count). */
function niceCeil(x: number, whole: boolean): number {
  if (x <= 0) return 1;
  const step = Math.max(whole ? 1 : 0, 10 ** Math.floor(Math.log10(x)) / 10);
  return Math.ceil(x / step) * step;
}

/** A round number at or below x (8064 → 8000, 7776 → 7500). */
function niceFloor(x: number, whole: boolean): number {
  if (x <= 0) return 0;
  const step = Math.max(whole ? 1 : 0, 10 ** Math.floor(Math.log10(x)) / 2);
  return Math.floor(x / step) * step;
}

/** A figure as a chart reads it: counts as they are, percentages in %, money in 万元. */
const chartValue = (unit: IndicatorUnit, v: number) => (unit === 'count' ? v : unit === 'percent' ? v / 100 : v / 1_000_000);
const chartUnit = (unit: IndicatorUnit, t: Translate) => (unit === 'money' ? t('plan.unit.wan') : unit === 'percent' ? '%' : '');

export function IndicatorDetail({ target, plan, onReport }: { target: DetailTarget; plan: PlanTree | undefined; onReport: (t: ReportTarget) => void }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const now = useBusinessMonth();
  const history = useIndicatorHistory(target.indicatorId, target.regionId);
  const found = findIndicator(plan, target.indicatorId);
  const h = history.data;
  const years = plan ? Array.from({ length: plan.lastYear - plan.firstYear + 1 }, (_, i) => plan.firstYear + i) : [];
  const [year, setYear] = useState(target.year);
  const deptName = (id: string) => plan?.departments.find((d) => d.id === id)?.name ?? id;
  const mine = reportsRow(plan, user, { indicatorId: target.indicatorId, regionId: target.regionId });

  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  if (!h || !found) return <Skeleton active paragraph={{ rows: 8 }} />;
  const i = found.indicator;
  const reportMonth = target.month ?? (year === now.year ? Math.max(1, now.month - 1) : 12);

  return (
    <div data-testid="plan-indicator-detail">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered className="zgsz-desc-nowrap" style={{ marginBottom: 12 }}
        items={[
          { key: 'action', label: t('plan.detail.action'), children: <span>{found.action.clause} {found.action.title}</span> },
          { key: 'reporter', label: t('plan.col.reporter'), children: target.regionName ?? h.reporterName ?? '—' },
          { key: 'kind', label: t('plan.field.kind'), children: kindLabel(h.kind, t) },
          { key: 'unit', label: t('plan.field.unit'), children: unitWord(h.unit, t, measureOf(i)) },
          ...(i.coResponsible.length ? [{ key: 'co', label: t('plan.detail.co'), children: i.coResponsible.map(deptName).join('、') }] : []),
          { key: 'resp', label: t('plan.responsibility'), span: 2, children: responsibilityText(found.action.responsibility) },
          { key: 'goals', label: t('plan.goals'), span: 2, children: <GoalsLine goals={h.goals} years={years} /> },
        ]} />
      <blockquote className="zgsz-quote" data-testid="plan-indicator-quote">
        {h.quote}<span className="zgsz-quote-clause">——{t('plan.quoteFrom', { document: plan?.document ?? '', clause: h.clause })}</span>
      </blockquote>
      {i.reading ? <Typography.Paragraph type="secondary" style={{ fontSize: 12.5 }}>{t('plan.reading')}:{i.reading}</Typography.Paragraph> : null}

      <div className="zgsz-page-head" style={{ marginTop: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('plan.detail.trend')}</Typography.Title>
        <Space wrap>
          <Segmented size="small" value={year} onChange={(v) => setYear(Number(v))} options={years.map((y) => ({ value: y, label: t('plan.year', { year: y }) }))} />
          {mine ? (
            <Button type="primary" size="small" icon={<EditOutlined />} data-testid={`plan-detail-report-${target.indicatorId}`}
              onClick={() => onReport({ indicatorId: i.id, name: i.name, unit: i.unit, kind: i.kind, regionId: target.regionId, regionName: target.regionName, reporterName: h.reporterName, year: Math.min(year, now.year), month: year < now.year ? (target.month ?? 12) : reportMonth })}>
              {t('plan.action.report')}
            </Button>
          ) : null}
        </Space>
      </div>
      <TrendChart history={h} year={year} height={240} testId="plan-trend" />

      <Typography.Title level={5} style={{ marginTop: 12 }}>{t('plan.detail.revisions')}</Typography.Title>
      <Table
        size="small" rowKey="id" pagination={h.revisions.length > 12 ? { pageSize: 12, size: 'small' } : false} dataSource={h.revisions}
        data-testid="plan-revisions" locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.detail.noRevisions')} /> }}
        scroll={{ x: 880 }}
        columns={[
          { title: t('plan.detail.month'), key: 'month', width: 100, render: (_, r) => <span className="zgsz-nowrap">{ymLabel(t, r.year, r.month)}</span> },
          {
            title: t('plan.detail.revision'), dataIndex: 'revision', width: 96,
            render: (v: number) => <span className="zgsz-nowrap">{t('plan.revision', { n: v })}{v > 1 ? <Tag color="orange" style={{ marginInlineStart: 4 }}>{t('plan.detail.correction')}</Tag> : null}</span>,
          },
          { title: t('plan.detail.value'), dataIndex: 'display', width: 110, align: 'right', render: (v: string) => <b className="zgsz-figure">{v}</b> },
          { title: t('plan.col.note'), dataIndex: 'note', width: 200, render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
          {
            title: t('plan.detail.by'), key: 'by', width: 150,
            render: (_, r) => <span>{r.departmentName ?? target.regionName ?? ''}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.reportedByName}{r.onBehalf ? ` · ${t('plan.onBehalf')}` : ''}</Typography.Text></span>,
          },
          { title: t('plan.detail.reportedOn'), dataIndex: 'reportedOn', width: 100, render: (v: string) => <span className="zgsz-nowrap">{v}</span> },
          {
            title: t('plan.field.evidence'), key: 'evidence', width: 150,
            render: (_, r) => (r.evidence.length ? (
              <Space orientation="vertical" size={0}>
                {r.evidence.map((e) => <a key={e.sha256} href={evidenceUrl(r.id, e.sha256)} className="zgsz-break"><PaperClipOutlined /> {e.fileName}</a>)}
              </Space>
            ) : <Typography.Text type="secondary">—</Typography.Text>),
          },
        ]}
      />
    </div>
  );
}

/** The year's monthly figures against the year's goal (a dashed line; 进度参考 when derived). */
export function TrendChart({ history: h, year, height = 200, testId }: { history: Pick<IndicatorHistory, 'unit' | 'kind' | 'series' | 'goals'>; year: number; height?: number; testId?: string }) {
  const { t } = useI18n();
  const option = useMemo(() => trendOption(h, year, t), [h, year, t]);
  const hasData = h.series.some((s) => s.year === year || (h.kind === 'cumulative' && s.year === year - 1 && s.month === 12));
  if (!hasData) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.detail.noData', { year })} style={{ margin: '12px 0' }} data-testid={testId ? `${testId}-empty` : undefined} />;
  }
  return <EChart option={option} height={height} testId={testId} />;
}

export function trendOption(h: Pick<IndicatorHistory, 'unit' | 'kind' | 'series' | 'goals'>, year: number, t: Translate, compact = false): ChartOption {
  const u = chartUnit(h.unit, t);
  // A running total starts from last December's figure, when it is known.
  const start = h.kind === 'cumulative' ? h.series.find((s) => s.year === year - 1 && s.month === 12) : undefined;
  const withStart = !!start;
  const months = Array.from({ length: 12 }, (_, k) => k + 1);
  const categories = [...(withStart ? [t('plan.chart.lastDecember')] : []), ...months.map((m) => monthLabel(t, m))];
  const byMonth = new Map(h.series.filter((s) => s.year === year).map((s) => [s.month, s]));
  const data = [
    ...(withStart ? [start ? { value: chartValue(h.unit, start.value), display: start.display } : null] : []),
    ...months.map((m) => { const s = byMonth.get(m); return s ? { value: chartValue(h.unit, s.value), display: s.display } : null; }),
  ];
  const goal = h.goals.find((g) => g.year === year);
  const goalName = goal ? `${t('plan.chart.goal', { year })}${goal.stated ? '' : t('plan.chart.pace')}` : '';
  return {
    color: [CHART_COLORS[0]],
    grid: compact ? { left: 4, right: 8, top: 14, bottom: 2, containLabel: true } : { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { name: string; data: { display: string } | null }[]) => {
        const p = ps[0];
        return p ? `${p.name}<br/>${p.data?.display ?? t('plan.chart.noReport')}${goal ? `<br/>${goalName}:${goal.display}` : ''}` : '';
      },
    },
    xAxis: { type: 'category', data: categories, boundaryGap: false, axisLabel: { fontSize: compact ? 10 : 12, color: '#555', interval: compact ? 2 : 0 } },
    yAxis: {
      type: 'value', name: compact ? '' : u, scale: h.kind === 'cumulative', splitNumber: compact ? 2 : 4, minInterval: h.unit === 'count' ? 1 : undefined,
      // A small chart's rounded ends (9,500 / 17,000) read as noise: only the inner ticks are labelled.
      axisLabel: { fontSize: compact ? 10 : 12, color: '#555', showMinLabel: !compact, showMaxLabel: !compact },
      // Room above the highest of the figures and the goal, so the goal line and the labels fit.
      max: (v: { max: number }) => niceCeil(Math.max(v.max, goal ? chartValue(h.unit, goal.value) : 0) * 1.08, h.unit === 'count'),
      // A running total starts far from 0: the axis starts a little below the lowest figure.
      min: h.kind === 'cumulative' ? (v: { min: number }) => niceFloor(Math.min(v.min, goal ? chartValue(h.unit, goal.value) : v.min) * 0.96, h.unit === 'count') : 0,
    },
    series: [{
      name: t('plan.chart.reported'), type: 'line', data, connectNulls: true, symbol: 'circle', symbolSize: compact ? 4 : 7, lineStyle: { width: 2 },
      label: { show: !compact, position: 'top', fontSize: 11, formatter: (p: { data: { display: string } | null }) => p.data?.display ?? '' },
      markLine: goal ? {
        symbol: 'none', silent: true,
        lineStyle: { type: 'dashed', color: goal.stated ? '#c0504d' : '#3a86c8', width: 1.5 },
        label: { formatter: compact ? goal.display : `${goalName} ${goal.display}`, position: 'insideEndTop', fontSize: compact ? 10 : 12, color: goal.stated ? '#c0504d' : '#3a86c8' },
        data: [{ yAxis: chartValue(h.unit, goal.value) }],
      } : undefined,
    }],
  };
}
