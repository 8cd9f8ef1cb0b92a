// 本部门报送 (a department), 本地区报送 (a region: its own 专项资金 row), 数据报送 (the city, which may
// report on a unit's behalf): the account's indicators for a chosen month with the previous month's
// figure beside an input, so a month's figures go in one after another; a month already reported
// is corrected through the form (which asks for the reason), and 证明材料 go through the form too.
import { EditOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Result, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { request } from '../../api/client.ts';
import { type DispatchRow, type PlanTree, refreshPlan, useDispatch, useOverdue, usePlan } from '../../api/plan.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { fenToDecimal, parseFen } from '../../lib/format.ts';
import { type Translate, useI18n } from '../../lib/i18n.tsx';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { usePlanPanels } from './PlanPanels.tsx';
import {
  formatCompletion, GoalText, kindLabel, LIGHT_HEX, LightTag, measureFor, monthLabel, OverdueAlert, overdueTarget, PeriodPicker, PlanLoadError,
  PlanUnavailable, reportsRow, ReportStateTag, rowKey, targetOf, unitWord, usePeriod, useReportingMonth, ymLabel,
} from './shared.tsx';

export default function MyReportsPage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { name: regionName } = useRegions();
  const [period, setPeriod] = usePeriod();
  const plan = usePlan();
  const tree = plan.data?.available ? plan.data : undefined;
  const reporting = useReportingMonth();
  const chosen = period.year !== undefined ? period : reporting;
  const query = useDispatch(chosen, plan.data?.available === true && chosen.year !== undefined);
  const overdue = useOverdue();
  const table = query.data?.available ? query.data : undefined;
  const { openReport, openDetail, panels } = usePlanPanels(tree);
  const rows = useMemo(() => (table?.actions ?? []).flatMap((a) => a.rows).filter((r) => reportsRow(tree, user, r)), [table, tree, user]);

  if (plan.data && !plan.data.available) return <PlanUnavailable data={plan.data} testId="plan-mine" />;
  if (plan.isError) return <PlanLoadError error={plan.error} onRetry={() => void plan.refetch()} testId="plan-mine" />;
  const unit = unitName(tree, user.departmentId ?? null, user.regionId ? regionName(user.regionId) : null);
  const title = user.role === 'department' ? t('plan.mine.titleDept') : user.role === 'region_officer' ? t('plan.mine.titleRegion') : t('plan.mine.titleCity');

  if (tree && !tree.mine.length) {
    return (
      <div className="zgsz-page" data-testid="plan-mine">
        <Card><Result status="info" title={t('plan.mine.noneTitle', { unit: unit ?? '' })} subTitle={t('plan.mine.noneHelp')}
          extra={<Space><Link to="/plan"><Button>{t('menu.planTree')}</Button></Link><Link to="/plan/dispatch"><Button type="primary">{t('menu.planDispatch')}</Button></Link></Space>} /></Card>
      </div>
    );
  }

  return (
    <div className="zgsz-page" data-testid="plan-mine">
      <div className="zgsz-page-head">
        <div>
          <Typography.Title level={4}>{title}{unit ? <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginInlineStart: 8 }}>{unit}</Typography.Text> : null}</Typography.Title>
          <Typography.Text type="secondary">{user.role === 'city_admin' ? t('plan.mine.helpCity') : t('plan.mine.help', { day: tree?.settings.reportDueDay ?? 10 })}</Typography.Text>
        </div>
        {tree ? <PeriodPicker year={period.year ?? table?.year} month={period.month ?? table?.month} firstYear={tree.firstYear} lastYear={tree.lastYear} onChange={setPeriod} /> : null}
      </div>
      <OverdueAlert overdue={overdue.data} plan={tree} user={user} onReport={(i) => { const target = overdueTarget(tree, i); if (target) openReport(target); }} />
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Card size="small" title={table ? t('plan.mine.tableTitle', { period: ymLabel(t, table.year, table.month), due: rows[0]?.report.due ?? '—' }) : null}>
        <MyRowsTable rows={rows} plan={tree} loading={query.isPending || !tree} year={table?.year} month={table?.month} inline
          onReport={(r) => table && openReport(targetOf(r, table.year, table.month))}
          onDetail={(r) => table && openDetail({ indicatorId: r.indicatorId, regionId: r.regionId, regionName: r.regionName, year: table.year, month: table.month })} />
      </Card>
      {panels}
    </div>
  );
}

export function unitName(plan: PlanTree | undefined, departmentId: string | null, regionName: string | null): string | null {
  if (departmentId) return plan?.departments.find((d) => d.id === departmentId)?.name ?? departmentId;
  return regionName;
}

/** The account's rows: goal, previous month, the month's figure and report, and (inline) a quick entry for a month not yet reported. */
export function MyRowsTable({ rows, plan, loading, year, month, inline = false, onReport, onDetail }: {
  rows: DispatchRow[]; plan: PlanTree | undefined; loading: boolean; year: number | undefined; month: number | undefined; inline?: boolean;
  onReport: (r: DispatchRow) => void; onDetail: (r: DispatchRow) => void;
}) {
  const { t } = useI18n();
  const amber = plan?.settings.amberPercent ?? 90;
  return (
    <Table<DispatchRow>
      size="small" rowKey={rowKey} dataSource={rows} loading={loading} pagination={false} scroll={{ x: inline ? 1180 : 960 }} data-testid="plan-mine-table"
      onRow={(r) => ({ 'data-testid': `mine-row-${rowKey(r)}` } as HTMLAttributes<HTMLElement>)}
      columns={[
        {
          title: t('plan.col.indicator'), key: 'name', width: 240, fixed: 'left',
          render: (_, r) => (
            <div>
              <a className="zgsz-plan-name" onClick={() => onDetail(r)}>{r.name}</a>
              {r.regionName ? <Tag color="geekblue" style={{ marginInlineStart: 6 }}>{r.regionName}</Tag> : null}
              <div className="zgsz-plan-sub">{kindLabel(r.kind, t)} · {unitWord(r.unit, t, measureFor(plan, r.indicatorId))}</div>
            </div>
          ),
        },
        { title: t('plan.col.goal', { year: year ?? '' }), key: 'goal', width: 120, align: 'right', render: (_, r) => <GoalText goal={r.goal} /> },
        {
          title: t('plan.mine.previous'), key: 'previous', width: 110, align: 'right',
          render: (_, r) => {
            const p = month ? r.series.filter((s) => s.month < month).at(-1) : undefined;
            return p ? <span className="zgsz-nowrap">{p.display}<span className="zgsz-plan-sub">({monthLabel(t, p.month)})</span></span> : <Typography.Text type="secondary">—</Typography.Text>;
          },
        },
        {
          title: t('plan.col.value', { month: month ? monthLabel(t, month) : '' }), key: 'value', width: inline ? 250 : 120, align: inline ? 'left' : 'right',
          render: (_, r) => (r.report.current ? (
            <span data-testid={`mine-value-${rowKey(r)}`}>
              <b className="zgsz-figure">{r.report.current.display}</b>
              {r.report.current.revision > 1 ? <Tag color="orange" style={{ marginInlineStart: 4 }}>{t('plan.revision', { n: r.report.current.revision })}</Tag> : null}
            </span>
          ) : inline && year && month ? <QuickEntry row={r} year={year} month={month} measure={measureFor(plan, r.indicatorId)} t={t} /> : <Typography.Text type="secondary">—</Typography.Text>),
        },
        {
          title: t('plan.col.completion'), key: 'completion', width: 100, align: 'right',
          render: (_, r) => <span style={{ color: r.light === 'none' ? undefined : LIGHT_HEX[r.light] }}>{formatCompletion(r.completion)}</span>,
        },
        { title: t('plan.col.light'), key: 'light', width: 80, align: 'center', render: (_, r) => <LightTag light={r.light} amberPercent={amber} testId={`plan-light-${rowKey(r)}`} /> },
        { title: t('plan.col.state'), key: 'state', width: 100, render: (_, r) => <ReportStateTag state={r.report.state} due={r.report.due} /> },
        {
          title: t('common.actions'), key: 'op', width: 110, fixed: 'right', align: 'center',
          render: (_, r) => (
            <Button size="small" type={r.report.current || inline ? 'default' : 'primary'} icon={<EditOutlined />} data-testid={`plan-report-open-${rowKey(r)}`} onClick={() => onReport(r)}>
              {r.report.current ? t('plan.action.correct') : inline ? t('plan.action.reportFull') : t('plan.action.report')}
            </Button>
          ),
        },
      ]}
    />
  );
}

/** A first report of the month typed in place: the figure only (a note or 证明材料 go through the form). */
function QuickEntry({ row: r, year, month, measure, t }: { row: DispatchRow; year: number; month: number; measure: string; t: Translate }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = rowKey(r);
  const suffix = unitWord(r.unit, t, measure);
  const submit = async () => {
    const s = value.trim().replace(/%$/, '');
    let sent = s;
    if (r.unit === 'money') {
      const fen = parseFen(s, '万元');
      if (fen === null) { setError(t('plan.report.valueInvalid.wan')); return; }
      sent = fenToDecimal(fen, '元');
    } else if (!s) { setError(t('plan.report.valueRequired')); return; }
    setBusy(true);
    setError(null);
    try {
      await request('POST', '/plan/reports', { body: { indicatorId: r.indicatorId, ...(r.regionId ? { regionId: r.regionId } : {}), year, month, value: sent } });
      message.success(t('plan.report.done', { name: r.name, period: ymLabel(t, year, month), revision: 1 }));
      await refreshPlan(qc);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Space.Compact style={{ width: '100%' }}>
        <Input size="small" value={value} inputMode="decimal" autoComplete="off" status={error ? 'error' : undefined} suffix={<span className="zgsz-unit">{suffix}</span>}
          onChange={(e) => { setValue(e.target.value); setError(null); }} onPressEnter={() => void submit()} style={{ textAlign: 'right' }}
          placeholder={t('plan.mine.placeholder')} data-testid={`plan-mine-value-${key}`} />
        <Button size="small" type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void submit()} data-testid={`plan-mine-submit-${key}`}>{t('plan.action.submit')}</Button>
      </Space.Compact>
      {error ? <div className="zgsz-plan-inline-error" role="alert" data-testid={`plan-mine-error-${key}`}>{error}</div> : null}
    </div>
  );
}
