// 月度跟踪调度表 (三(三) “实行月度跟踪调度”): every action's indicators in one month — the year's goal,
// the month's reported figure, completion, the year-end projection and its light, the platform's own
// figure and whether the report agrees with it, and whether the report came on time. A row opens the
// indicator's trend and revisions; the units that report a row get 报送 / 更正 on it. Excel export.
import { DownloadOutlined, EditOutlined, PaperClipOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Segmented, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { download } from '../../api/client.ts';
import { type DispatchRow, type DispatchTable, type PlanTree, useDispatch, usePlan } from '../../api/plan.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { type Translate, useI18n } from '../../lib/i18n.tsx';
import { useSignedIn } from '../../lib/session.tsx';
import { usePlanPanels } from './PlanPanels.tsx';
import {
  AgreementTag, formatCompletion, GoalText, Help, kindLabel, LIGHT_HEX, LightTag, measureFor, monthLabel, nextGoal, PeriodPicker, PlanLoadError,
  PlanUnavailable, reportsRow, ReportStateTag, rowKey, targetOf, unitWord, usePeriod, ymLabel,
} from './shared.tsx';

type Filter = 'all' | 'lagging' | 'overdue' | 'differs' | 'mine';
type TableRow = { type: 'action'; key: string; clause: string; title: string; rows: DispatchRow[] } | { type: 'row'; key: string; row: DispatchRow };

export default function DispatchPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useSignedIn();
  const [period, setPeriod] = usePeriod();
  const plan = usePlan();
  const tree = plan.data?.available ? plan.data : undefined;
  const query = useDispatch(period, plan.data?.available === true);
  const table = query.data?.available ? query.data : undefined;
  const { openReport, openDetail, panels } = usePlanPanels(tree);
  const [filter, setFilter] = useState<Filter>('all');
  const [exporting, setExporting] = useState(false);
  const mineCount = table ? table.actions.flatMap((a) => a.rows).filter((r) => reportsRow(tree, user, r)).length : 0;

  if (plan.data && !plan.data.available) return <PlanUnavailable data={plan.data} testId="plan-dispatch" />;
  if (query.data && !query.data.available) return <PlanUnavailable data={query.data} testId="plan-dispatch" />;
  if (plan.isError) return <PlanLoadError error={plan.error} onRetry={() => void plan.refetch()} testId="plan-dispatch" />;

  const exportXlsx = async () => {
    if (!table) return;
    setExporting(true);
    try {
      await download('/plan/dispatch.xlsx', { year: table.year, month: table.month }, t('plan.dispatch.fileName', { year: table.year, month: table.month }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  const due = table?.actions.flatMap((a) => a.rows)[0]?.report.due;

  return (
    <div className="zgsz-page" data-testid="plan-dispatch">
      <div className="zgsz-page-head">
        <div>
          <Typography.Title level={4}>{t('plan.dispatch.title')}</Typography.Title>
          {table ? (
            <Typography.Text type="secondary" data-testid="plan-dispatch-period">
              {t('plan.dispatch.subtitle', { document: table.document, period: ymLabel(t, table.year, table.month), due: due ?? '—', today: table.today })}
            </Typography.Text>
          ) : null}
        </div>
        <Space wrap>
          {tree ? <PeriodPicker year={period.year ?? table?.year} month={period.month ?? table?.month} firstYear={tree.firstYear} lastYear={tree.lastYear} onChange={setPeriod} /> : null}
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching && !query.isPending}>{t('common.refresh')}</Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting} disabled={!table} data-testid="plan-dispatch-export">{t('plan.exportExcel')}</Button>
        </Space>
      </div>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <SummaryCards table={table} loading={query.isPending} amber={tree?.settings.amberPercent ?? 90} />
      <Card size="small" style={{ marginTop: 12 }}
        title={(
          <Segmented<Filter> value={filter} onChange={setFilter} data-testid="plan-dispatch-filter"
            options={[
              { value: 'all', label: t('plan.filter.all') },
              { value: 'lagging', label: t('plan.filter.lagging') },
              { value: 'overdue', label: t('plan.filter.overdue') },
              { value: 'differs', label: t('plan.filter.differs') },
              ...(mineCount ? [{ value: 'mine' as const, label: t('plan.filter.mine', { count: mineCount }) }] : []),
            ]} />
        )}
        extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('plan.dispatch.rowHelp')}</Typography.Text>}>
        <DispatchGrid table={table} plan={tree} loading={query.isPending} filter={filter}
          onDetail={(r) => table && openDetail({ indicatorId: r.indicatorId, regionId: r.regionId, regionName: r.regionName, year: table.year, month: table.month })}
          onReport={(r) => table && openReport(targetOf(r, table.year, table.month))} />
      </Card>
      {panels}
    </div>
  );
}

function SummaryCards({ table, loading, amber }: { table: DispatchTable | undefined; loading: boolean; amber: number }) {
  const { t } = useI18n();
  const s = table?.summary;
  const lights = [
    { key: 'green', value: s?.green, color: LIGHT_HEX.green },
    { key: 'amber', value: s?.amber, color: LIGHT_HEX.amber },
    { key: 'red', value: s?.red, color: LIGHT_HEX.red },
    { key: 'none', value: s?.none, color: '#8c8c8c' },
  ] as const;
  const states = [
    { key: 'onTime', label: t('plan.state.on-time'), value: s?.onTime, color: LIGHT_HEX.green },
    { key: 'late', label: t('plan.state.late'), value: s?.late, color: '#d46b08' },
    { key: 'overdue', label: t('plan.state.overdue'), value: s?.overdue, color: LIGHT_HEX.red },
    { key: 'pending', label: t('plan.state.pending'), value: s?.pending, color: '#8c8c8c' },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="plan-dispatch-summary">
      <Col xs={24} lg={10}>
        <Card size="small" title={t('plan.summary.lights')} extra={<Help text={t('plan.summary.lightsHelp', { amber })} />}>
          <Row gutter={8}>
            {lights.map((l) => (
              <Col span={6} key={l.key}>
                <Statistic title={t(`plan.light.${l.key}`)} value={l.value ?? 0} loading={loading} styles={{ content: { color: l.color, fontSize: 22 } }} data-testid={`plan-summary-${l.key}`} />
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('plan.summary.reports')}>
          <Row gutter={8}>
            {states.map((x) => (
              <Col span={6} key={x.key}>
                <Statistic title={x.label} value={x.value ?? 0} loading={loading} styles={{ content: { color: x.color, fontSize: 22 } }} data-testid={`plan-summary-${x.key}`} />
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
      <Col xs={24} lg={4}>
        <Card size="small" title={t('plan.summary.records')} extra={<Help text={t('plan.summary.recordsHelp')} />} style={{ height: '100%' }}>
          <Statistic title={t('plan.summary.disagreements')} value={s?.disagreements ?? 0} loading={loading}
            styles={{ content: { color: s?.disagreements ? '#d46b08' : undefined, fontSize: 22 } }} data-testid="plan-summary-disagreements" />
        </Card>
      </Col>
    </Row>
  );
}

const matches = (filter: Filter, r: DispatchRow, mine: boolean) => {
  switch (filter) {
    case 'lagging': return r.light === 'red' || r.light === 'amber';
    case 'overdue': return r.report.state === 'overdue';
    case 'differs': return r.records?.agreement === 'differs' || r.records?.agreement === 'below-records';
    case 'mine': return mine;
    default: return true;
  }
};

/** The table grouped by action: a heading row per action (clause, title, its lights), then its indicators. */
export function DispatchGrid({ table, plan, loading, filter = 'all', onDetail, onReport }: {
  table: DispatchTable | undefined; plan: PlanTree | undefined; loading: boolean; filter?: Filter;
  onDetail: (r: DispatchRow) => void; onReport: (r: DispatchRow) => void;
}) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const data = useMemo<TableRow[]>(() => (table?.actions ?? []).flatMap((a) => {
    const rows = a.rows.filter((r) => matches(filter, r, reportsRow(plan, user, r)));
    return rows.length ? [{ type: 'action' as const, key: `action:${a.id}`, clause: a.clause, title: a.title, rows }, ...rows.map((r) => ({ type: 'row' as const, key: rowKey(r), row: r }))] : [];
  }), [table, filter, plan, user]);
  const columns = useMemo(() => dispatchColumns(t, table, plan, (r) => reportsRow(plan, user, r), onReport), [t, table, plan, user, onReport]);
  const span = columns.length;
  // The first column carries an action's heading across the whole row; the others give way.
  const withGroups: ColumnsType<TableRow> = columns.map((c, i) => ({
    ...c,
    onCell: (r: TableRow) => (r.type === 'action' ? { colSpan: i === 0 ? span : 0 } : {}),
    render: (v: unknown, r: TableRow, idx: number) => (r.type === 'action' ? (i === 0 ? <ActionHeading clause={r.clause} title={r.title} rows={r.rows} /> : null) : c.render?.(v, r, idx)),
  }));
  return (
    <Table<TableRow>
      size="small" rowKey="key" dataSource={data} columns={withGroups} pagination={false} loading={loading} bordered
      scroll={{ x: 1168 }} sticky data-testid="plan-dispatch-table"
      locale={{ emptyText: filter === 'all' ? t('common.empty') : t('plan.filter.empty') }}
      rowClassName={(r) => (r.type === 'action' ? 'zgsz-plan-action-row' : r.row.light === 'red' ? 'zgsz-plan-row-red' : '')}
      onRow={(r) => (r.type === 'row'
        ? { 'data-testid': `dispatch-row-${r.key}`, onClick: () => onDetail(r.row), style: { cursor: 'pointer' } } as HTMLAttributes<HTMLElement>
        : { 'data-testid': `dispatch-${r.key.replace(':', '-')}` } as HTMLAttributes<HTMLElement>)}
    />
  );
}

function ActionHeading({ clause, title, rows }: { clause: string; title: string; rows: DispatchRow[] }) {
  const { t } = useI18n();
  const n = (l: DispatchRow['light']) => rows.filter((r) => r.light === l).length;
  return (
    <Space size={8} wrap>
      <Tag color="#1f4e8c" style={{ marginInlineEnd: 0 }}>{clause}</Tag>
      <b>{title}</b>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('plan.dispatch.actionCounts', { count: rows.length, green: n('green'), amber: n('amber'), red: n('red') })}
      </Typography.Text>
    </Space>
  );
}

function dispatchColumns(t: Translate, table: DispatchTable | undefined, plan: PlanTree | undefined, mine: (r: DispatchRow) => boolean, onReport: (r: DispatchRow) => void): ColumnsType<TableRow> {
  const row = (r: TableRow) => (r as Extract<TableRow, { type: 'row' }>).row;
  const month = table?.month ?? 0;
  const amber = plan?.settings.amberPercent ?? 90;
  return [
    {
      title: t('plan.col.indicator'), key: 'name', width: 200, fixed: 'left',
      render: (_, x) => {
        const r = row(x);
        return (
          r.regionName ? (
            // A per-region row (各地专项资金): the region leads, the long indicator name follows.
            <div>
              <a className="zgsz-plan-name">{r.regionName}</a>
              <Typography.Paragraph className="zgsz-plan-sub" style={{ margin: 0 }} ellipsis={{ rows: 1, tooltip: r.name }}>{r.name}</Typography.Paragraph>
            </div>
          ) : (
            <div>
              <a className="zgsz-plan-name">{r.name}</a>
              <div className="zgsz-plan-sub">{kindLabel(r.kind, t)} · {unitWord(r.unit, t, measureFor(plan, r.indicatorId))}</div>
            </div>
          )
        );
      },
    },
    { title: t('plan.col.reporter'), key: 'reporter', width: 92, render: (_, x) => <span className="zgsz-nowrap">{row(x).reporterName ?? '—'}</span> },
    { title: t('plan.col.goal', { year: table?.year ?? '' }), key: 'goal', width: 112, align: 'right', render: (_, x) => <GoalText goal={row(x).goal} next={nextGoal(plan, row(x).indicatorId, table?.year)} /> },
    {
      title: t('plan.col.value', { month: monthLabel(t, month) }), key: 'value', width: 100, align: 'right',
      render: (_, x) => {
        const r = row(x);
        const c = r.report.current;
        if (c) {
          return (
            <div data-testid={`dispatch-value-${rowKey(r)}`}>
              <b className="zgsz-figure">{c.display}</b>
              {c.revision > 1 ? <div><Tag color="orange" style={{ marginInlineEnd: 0, fontSize: 11 }}>{t('plan.revision', { n: c.revision })}</Tag></div> : null}
            </div>
          );
        }
        return (
          <div data-testid={`dispatch-value-${rowKey(r)}`}>
            <Typography.Text type="secondary">—</Typography.Text>
            {r.latest ? <Tooltip title={t('plan.latestHelp')}><div className="zgsz-plan-sub zgsz-nowrap">{t('plan.latestEarlier', { month: monthLabel(t, r.latest.month), value: r.latest.display })}</div></Tooltip> : null}
          </div>
        );
      },
    },
    {
      title: <span>{t('plan.col.completion')}<Help text={t('plan.col.completionHelp')} /></span>, key: 'completion', width: 80, align: 'right',
      render: (_, x) => { const r = row(x); return r.completion === null ? <Typography.Text type="secondary">—</Typography.Text> : <span style={{ color: r.light === 'none' ? undefined : LIGHT_HEX[r.light] }} className="zgsz-figure">{formatCompletion(r.completion)}</span>; },
    },
    {
      title: <span>{t('plan.col.projected')}<Help text={t('plan.col.projectedHelp')} /></span>, key: 'projected', width: 92, align: 'right',
      render: (_, x) => row(x).projectedDisplay ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('plan.col.light'), key: 'light', width: 68, align: 'center', render: (_, x) => <LightTag light={row(x).light} amberPercent={amber} testId={`plan-light-${rowKey(row(x))}`} /> },
    {
      title: <span>{t('plan.col.records')}<Help text={t('plan.col.recordsHelp')} /></span>, key: 'records', width: 124,
      render: (_, x) => {
        const r = row(x);
        if (!r.records) return <Tooltip title={t('plan.records.noneHelp')}><Typography.Text type="secondary">{t('plan.records.none')}</Typography.Text></Tooltip>;
        return (
          <Space orientation="vertical" size={2}>
            <span className="zgsz-figure">{r.records.display}</span>
            <AgreementTag agreement={r.records.agreement} />
          </Space>
        );
      },
    },
    {
      title: t('plan.col.state'), key: 'state', width: 100,
      render: (_, x) => {
        const r = row(x);
        const c = r.report.current;
        return (
          <Space orientation="vertical" size={2}>
            <ReportStateTag state={r.report.state} due={r.report.due} />
            {c ? <Tooltip title={t('plan.reportedOnHelp', { date: c.firstReportedOn, due: r.report.due })}><span className="zgsz-plan-sub zgsz-nowrap">{c.firstReportedOn}</span></Tooltip> : null}
          </Space>
        );
      },
    },
    {
      title: t('plan.col.note'), key: 'note', width: 112,
      render: (_, x) => {
        const c = row(x).report.current;
        if (!c) return null;
        return (
          <div className="zgsz-plan-note">
            {c.note ? <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c.note }} style={{ margin: 0 }}>{c.note}</Typography.Paragraph> : null}
            <span className="zgsz-plan-sub">{c.reportedByName}{c.onBehalf ? ` · ${t('plan.onBehalf')}` : ''}{c.evidenceCount ? <> · <PaperClipOutlined /> {c.evidenceCount}</> : null}</span>
          </div>
        );
      },
    },
    {
      title: t('common.actions'), key: 'op', width: 88, fixed: 'right', align: 'center',
      render: (_, x) => {
        const r = row(x);
        if (!mine(r)) return null;
        const correcting = !!r.report.current;
        return (
          <Button size="small" type={correcting ? 'default' : 'primary'} icon={<EditOutlined />} data-testid={`plan-report-open-${rowKey(r)}`}
            onClick={(e) => { e.stopPropagation(); onReport(r); }}>
            {correcting ? t('plan.action.correct') : t('plan.action.report')}
          </Button>
        );
      },
    },
  ];
}
