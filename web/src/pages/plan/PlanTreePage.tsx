// 行动计划 (目标树): the 实施意见's 主要目标, ten actions and 保障措施 as the text sets them — per action its
// clause, title and 〔责任单位〕, per indicator its goals per year (进度参考 where the text sets none),
// the sentence they come from, who reports it, and, for the chosen month, the latest figure against
// the year's goal with its light and the year's trend. The account's overdue reports lead the page.
import { DownOutlined, EditOutlined, RightOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Col, Collapse, Empty, Progress, Row, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { DispatchRow, Light, PlanAction, PlanIndicator, PlanTree } from '../../api/plan.ts';
import { useDispatch, useOverdue, usePlan } from '../../api/plan.ts';
import { EChart } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type Translate, useI18n } from '../../lib/i18n.tsx';
import { useSignedIn } from '../../lib/session.tsx';
import { trendOption } from './IndicatorDrawer.tsx';
import { usePlanPanels } from './PlanPanels.tsx';
import {
  formatCompletion, GoalsLine, kindLabel, LIGHT_HEX, LightTag, measureOf, monthLabel, OverdueAlert, overdueTarget, PeriodPicker, PlanLoadError,
  PlanUnavailable, reportsRow, responsibilityText, rowKey, targetOf, unitWord, usePeriod,
} from './shared.tsx';

export default function PlanTreePage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const [period, setPeriod] = usePeriod();
  const plan = usePlan();
  const tree = plan.data?.available ? plan.data : undefined;
  const dispatch = useDispatch(period, plan.data?.available === true);
  const overdue = useOverdue();
  const table = dispatch.data?.available ? dispatch.data : undefined;
  const { openReport, openDetail, panels } = usePlanPanels(tree);
  const rowsOf = useMemo(() => {
    const m = new Map<string, DispatchRow[]>();
    for (const a of table?.actions ?? []) for (const r of a.rows) m.set(r.indicatorId, [...(m.get(r.indicatorId) ?? []), r]);
    return m;
  }, [table]);
  const [open, setOpen] = useState<string[] | null>(null);

  if (plan.data && !plan.data.available) return <PlanUnavailable data={plan.data} testId="plan-tree" />;
  if (plan.isError) return <PlanLoadError error={plan.error} onRetry={() => void plan.refetch()} testId="plan-tree" />;
  if (!tree) return <div className="zgsz-page" data-testid="plan-tree"><Card><Skeleton active paragraph={{ rows: 10 }} /></Card></div>;

  const years = Array.from({ length: tree.lastYear - tree.firstYear + 1 }, (_, i) => tree.firstYear + i);
  const activeKeys = open ?? tree.actions.map((a) => a.id);
  const ctx: Ctx = {
    tree, years, table, t,
    mine: (r) => reportsRow(tree, user, r),
    report: (r) => table && openReport(targetOf(r, table.year, table.month)),
    detail: (i, r) => openDetail({ indicatorId: i.id, regionId: r?.regionId ?? '', regionName: r?.regionName ?? null, year: table?.year ?? tree.firstYear, month: table?.month }),
  };

  return (
    <div className="zgsz-page" data-testid="plan-tree">
      <div className="zgsz-page-head">
        <div>
          <Typography.Title level={4}>{t('plan.tree.title')}</Typography.Title>
          <Typography.Text type="secondary">{tree.document}《{tree.title}》</Typography.Text>
        </div>
        <Space wrap>
          <PeriodPicker year={period.year ?? table?.year} month={period.month ?? table?.month} firstYear={tree.firstYear} lastYear={tree.lastYear} onChange={setPeriod} />
          <Link to={`/plan/dispatch${table ? `?year=${table.year}&month=${table.month}` : ''}`}><Button icon={<UnorderedListOutlined />}>{t('plan.tree.toDispatch')}</Button></Link>
        </Space>
      </div>
      <OverdueAlert overdue={overdue.data} plan={tree} user={user} onReport={(i) => { const target = overdueTarget(tree, i); if (target) openReport(target); }} />
      {overdue.isError ? <ErrorAlert error={overdue.error} onRetry={() => void overdue.refetch()} /> : null}
      {dispatch.isError ? <ErrorAlert error={dispatch.error} onRetry={() => void dispatch.refetch()} /> : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="zgsz-kv zgsz-plan-settings">
          <span><em>{t('plan.tree.years')}</em>{t('plan.tree.yearsValue', { from: tree.firstYear, to: tree.lastYear })}</span>
          <span><em>{t('plan.tree.indicators')}</em>{tree.actions.reduce((s, a) => s + a.indicators.length, 0)}</span>
          <span><em>{t('plan.tree.due')}</em>{t('plan.tree.dueValue', { day: tree.settings.reportDueDay })}</span>
          <span><em>{t('plan.tree.lights')}</em>{t('plan.tree.lightsValue', { amber: tree.settings.amberPercent })}</span>
          {tree.mine.length ? <span><em>{t('plan.tree.mine')}</em>{t('plan.tree.mineValue', { count: tree.mine.length })}</span> : null}
        </div>
        <Space size={4} style={{ marginTop: 6 }}>
          <Button size="small" type="link" icon={<DownOutlined />} style={{ padding: 0 }} onClick={() => setOpen(tree.actions.map((a) => a.id))}>{t('plan.tree.expandAll')}</Button>
          <Button size="small" type="link" icon={<RightOutlined />} onClick={() => setOpen([])}>{t('plan.tree.collapseAll')}</Button>
        </Space>
      </Card>
      <Collapse
        activeKey={activeKeys} onChange={(k) => setOpen(Array.isArray(k) ? k : [k])} className="zgsz-plan-tree"
        items={tree.actions.map((a) => ({
          key: a.id,
          label: <ActionLabel action={a} rows={a.indicators.flatMap((i) => rowsOf.get(i.id) ?? [])} />,
          children: (
            <div data-testid={`plan-action-${a.id}`}>
              <div className="zgsz-plan-resp"><em>{t('plan.responsibility')}</em>{responsibilityText(a.responsibility)}</div>
              {a.indicators.map((i) => <IndicatorBlock key={i.id} indicator={i} rows={rowsOf.get(i.id) ?? []} loading={dispatch.isPending} ctx={ctx} />)}
            </div>
          ),
        }))}
      />
      {panels}
    </div>
  );
}

interface Ctx {
  tree: PlanTree; years: number[]; table: { year: number; month: number } | undefined; t: Translate;
  mine: (r: DispatchRow) => boolean; report: (r: DispatchRow) => void; detail: (i: PlanIndicator, r?: DispatchRow) => void;
}

function ActionLabel({ action: a, rows }: { action: PlanAction; rows: DispatchRow[] }) {
  const { t } = useI18n();
  const n = (l: Light) => rows.filter((r) => r.light === l).length;
  return (
    <div className="zgsz-plan-action-label">
      <Tag color="#1f4e8c" style={{ marginInlineEnd: 0 }}>{a.clause}</Tag>
      <b>{a.title}</b>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('plan.tree.indicatorCount', { count: a.indicators.length })}</Typography.Text>
      <span className="zgsz-plan-dots">
        {(['green', 'amber', 'red'] as const).map((l) => (n(l) ? <Tooltip key={l} title={t(`plan.light.${l}`)}><span className="zgsz-plan-dot" style={{ background: LIGHT_HEX[l] }}>{n(l)}</span></Tooltip> : null))}
      </span>
    </div>
  );
}

function IndicatorBlock({ indicator: i, rows, loading, ctx }: { indicator: PlanIndicator; rows: DispatchRow[]; loading: boolean; ctx: Ctx }) {
  const { t, years, tree } = ctx;
  const deptName = (id: string) => tree.departments.find((d) => d.id === id)?.name ?? id;
  const single = !i.perRegion ? rows[0] : undefined;
  return (
    <div className="zgsz-plan-indicator" data-testid={`plan-indicator-${i.id}`}>
      <Row gutter={[16, 8]}>
        <Col xs={24} xl={10}>
          <div className="zgsz-plan-indicator-head">
            <a className="zgsz-plan-name" onClick={() => ctx.detail(i, single ?? rows[0])}>{i.name}</a>
            <Tag style={{ marginInlineEnd: 0 }}>{kindLabel(i.kind, t)}</Tag>
            <Tag style={{ marginInlineEnd: 0 }}>{unitWord(i.unit, t, measureOf(i))}</Tag>
            {i.perRegion ? <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>{t('plan.perRegion')}</Tag> : null}
          </div>
          <GoalsLine goals={i.goals} years={years} />
          <div className="zgsz-kv" style={{ marginTop: 4 }}>
            <span><em>{t('plan.col.reporter')}</em>{i.reporterName ?? '—'}</span>
            {i.coResponsible.length ? <span><em>{t('plan.detail.co')}</em>{i.coResponsible.map(deptName).join('、')}</span> : null}
          </div>
          <Typography.Paragraph className="zgsz-plan-quote" ellipsis={{ rows: 1, expandable: 'collapsible', symbol: (expanded: boolean) => (expanded ? t('plan.quote.less') : t('plan.quote.more')) }} data-testid={`plan-quote-${i.id}`}>
            <span className="zgsz-plan-quote-mark">{t('plan.quote.label', { clause: i.clause })}</span>“{i.quote}”
          </Typography.Paragraph>
          {i.reading ? <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>{t('plan.reading')}:{i.reading}</Typography.Paragraph> : null}
        </Col>
        {i.perRegion ? (
          <Col xs={24} xl={14}><RegionRows rows={rows} loading={loading} ctx={ctx} indicator={i} /></Col>
        ) : (
          <>
            <Col xs={24} md={12} xl={7}><Progressline row={single} loading={loading} ctx={ctx} indicator={i} /></Col>
            <Col xs={24} md={12} xl={7}><MiniTrend row={single} indicator={i} ctx={ctx} /></Col>
          </>
        )}
      </Row>
    </div>
  );
}

/** The latest figure against the year's goal, coloured by the light, with the projection and the month's report. */
function Progressline({ row: r, loading, ctx, indicator: i }: { row: DispatchRow | undefined; loading: boolean; ctx: Ctx; indicator: PlanIndicator }) {
  const { t } = ctx;
  if (loading) return <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  if (!r) return null;
  const percent = r.completion === null ? 0 : Math.min(100, r.completion / 100);
  return (
    <div className="zgsz-plan-progress">
      <div className="zgsz-plan-progress-head">
        <LightTag light={r.light} amberPercent={ctx.tree.settings.amberPercent} testId={`plan-light-${i.id}`} />
        <span className="zgsz-plan-sub">{r.goal ? <>{t('plan.col.goal', { year: ctx.table?.year ?? '' })}:<b>{r.goal.display}</b>{r.goal.stated ? '' : t('plan.goal.paceShort')}</> : t('plan.tree.noGoal', { year: ctx.table?.year ?? '' })}</span>
      </div>
      <Progress percent={percent} size="small" strokeColor={LIGHT_HEX[r.light]} showInfo={false} />
      <div className="zgsz-plan-sub zgsz-plan-progress-foot">
        {r.latest ? (
          <span>{t('plan.tree.latest', { month: monthLabel(t, r.latest.month), value: r.latest.display })}{r.completion !== null ? ` · ${t('plan.col.completion')} ${formatCompletion(r.completion)}` : ''}</span>
        ) : <span>{t('plan.tree.noData')}</span>}
        {r.projectedDisplay ? <span> · {t('plan.col.projected')} {r.projectedDisplay}</span> : null}
      </div>
      <Space size={6} style={{ marginTop: 4 }}>
        <Button size="small" onClick={() => ctx.detail(i, r)} data-testid={`plan-detail-open-${i.id}`}>{t('plan.action.detail')}</Button>
        {ctx.mine(r) ? (
          <Button size="small" type="primary" icon={<EditOutlined />} onClick={() => ctx.report(r)} data-testid={`plan-report-open-${i.id}`}>
            {r.report.current ? t('plan.action.correct') : t('plan.action.report')}
          </Button>
        ) : null}
      </Space>
    </div>
  );
}

function MiniTrend({ row: r, indicator: i, ctx }: { row: DispatchRow | undefined; indicator: PlanIndicator; ctx: Ctx }) {
  const { t } = ctx;
  const year = ctx.table?.year;
  const option = useMemo(() => (r && year ? trendOption({
    unit: i.unit, kind: i.kind, goals: i.goals,
    series: r.series.map((s) => ({ year, month: s.month, value: s.value, display: s.display, revision: 1 })),
  }, year, t, true) : null), [r, year, i, t]);
  if (!r || !option) return null;
  if (!r.series.length) {
    return <div className="zgsz-plan-trend-empty"><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.tree.noTrend', { year: year ?? '' })} /></div>;
  }
  return <EChart option={option} height={96} testId={`plan-trend-${i.id}`} />;
}

/** A per-region indicator (各地专项资金): one line per region the account may see. */
function RegionRows({ rows, loading, ctx, indicator: i }: { rows: DispatchRow[]; loading: boolean; ctx: Ctx; indicator: PlanIndicator }) {
  const { t } = ctx;
  return (
    <Table<DispatchRow>
      size="small" rowKey={rowKey} dataSource={rows} loading={loading} pagination={false} data-testid={`plan-regions-${i.id}`}
      columns={[
        { title: t('plan.col.region'), dataIndex: 'regionName', width: 180, render: (v: string, r) => <a onClick={() => ctx.detail(i, r)}>{v}</a> },
        { title: t('plan.goals'), key: 'goal', align: 'right', width: 100, render: (_, r) => r.goal?.display ?? '—' },
        { title: t('plan.tree.latestShort'), key: 'latest', align: 'right', width: 130, render: (_, r) => (r.latest ? `${r.latest.display}(${monthLabel(t, r.latest.month)})` : '—') },
        { title: t('plan.col.completion'), key: 'completion', width: 150, render: (_, r) => <Progress percent={r.completion === null ? 0 : Math.min(100, r.completion / 100)} size="small" strokeColor={LIGHT_HEX[r.light]} format={() => formatCompletion(r.completion)} /> },
        { title: t('plan.col.light'), key: 'light', width: 80, align: 'center', render: (_, r) => <LightTag light={r.light} amberPercent={ctx.tree.settings.amberPercent} testId={`plan-light-${rowKey(r)}`} /> },
        {
          title: '', key: 'op', width: 80, align: 'center',
          render: (_, r) => (ctx.mine(r) ? (
            <Button size="small" type="primary" onClick={() => ctx.report(r)} data-testid={`plan-report-open-${rowKey(r)}`}>
              {r.report.current ? t('plan.action.correct') : t('plan.action.report')}
            </Button>
          ) : null),
        },
      ]}
    />
  );
}
