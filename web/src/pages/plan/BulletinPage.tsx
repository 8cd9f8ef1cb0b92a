// 季度督查通报 (三(三) “季度督查通报”): as of the quarter's last month, the lights of every indicator by
// action, the indicators lagging behind (with their 责任单位), the units that reported late or not at
// all in the quarter, and where a report disagrees with the platform's records. The office prints
// it (the API's print page) or takes the Excel.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { apiUrl, download } from '../../api/client.ts';
import { type Bulletin, type DispatchRow, useBulletin, usePlan } from '../../api/plan.ts';
import { type ChartOption, EChart } from '../../components/EChart.tsx';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { usePlanPanels } from './PlanPanels.tsx';
import { AgreementTag, formatCompletion, GoalText, LIGHT_HEX, LIGHTS, LightTag, monthLabel, PlanLoadError, PlanUnavailable, rowKey, useBusinessMonth } from './shared.tsx';

/** The latest quarter that has ended on the business date (the current one when none has). */
function defaultQuarter(now: { year: number; month: number }, firstYear: number) {
  const q = Math.ceil(now.month / 3) - 1;
  if (q >= 1) return { year: now.year, quarter: q };
  return now.year - 1 >= firstYear ? { year: now.year - 1, quarter: 4 } : { year: now.year, quarter: 1 };
}

export default function BulletinPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const now = useBusinessMonth();
  const plan = usePlan();
  const tree = plan.data?.available ? plan.data : undefined;
  const [chosen, setChosen] = useState<{ year: number; quarter: number } | null>(null);
  const period = chosen ?? defaultQuarter(now, tree?.firstYear ?? now.year);
  const query = useBulletin(period.year, period.quarter, !!tree);
  const b = query.data?.available ? query.data : undefined;
  const { openDetail, panels } = usePlanPanels(tree);
  const [exporting, setExporting] = useState(false);

  if (plan.data && !plan.data.available) return <PlanUnavailable data={plan.data} testId="plan-bulletin" />;
  if (query.data && !query.data.available) return <PlanUnavailable data={query.data} testId="plan-bulletin" />;
  if (plan.isError) return <PlanLoadError error={plan.error} onRetry={() => void plan.refetch()} testId="plan-bulletin" />;

  const maxYear = tree ? Math.max(tree.firstYear, Math.min(tree.lastYear, now.year)) : now.year;
  const years = tree ? Array.from({ length: maxYear - tree.firstYear + 1 }, (_, i) => maxYear - i) : [];
  const started = (y: number, q: number) => y < now.year || (y === now.year && (q - 1) * 3 + 1 <= now.month);
  const q = { year: period.year, quarter: period.quarter };
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download('/plan/bulletin.xlsx', q, t('plan.bulletin.fileName', { year: q.year, quarter: q.quarter }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  const detail = (r: DispatchRow) => b && openDetail({ indicatorId: r.indicatorId, regionId: r.regionId, regionName: r.regionName, year: b.year, month: b.throughMonth });

  return (
    <div className="zgsz-page" data-testid="plan-bulletin">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('plan.bulletin.title')}</Typography.Title>
        <Space wrap>
          <span>{t('plan.bulletin.quarter')}</span>
          <Select value={period.year} style={{ width: 104 }} data-testid="plan-bulletin-year"
            options={years.map((y) => ({ value: y, label: t('plan.year', { year: y }) }))}
            onChange={(y: number) => setChosen({ year: y, quarter: started(y, period.quarter) ? period.quarter : 1 })} />
          <Select value={period.quarter} style={{ width: 120 }} data-testid="plan-bulletin-q"
            options={[1, 2, 3, 4].map((n) => ({ value: n, label: t(`plan.quarter.${n as 1 | 2 | 3 | 4}`), disabled: !started(period.year, n) }))}
            onChange={(n: number) => setChosen({ year: period.year, quarter: n })} />
          <a href={apiUrl('/plan/bulletin/print', q)} target="_blank" rel="noreferrer" data-testid="plan-bulletin-print">
            <Button icon={<PrinterOutlined />} disabled={!b}>{t('plan.bulletin.print')}</Button>
          </a>
          <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting} disabled={!b} data-testid="plan-bulletin-export">{t('plan.exportExcel')}</Button>
        </Space>
      </div>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!b ? (query.isError ? null : <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>) : <BulletinBody b={b} onDetail={detail} />}
      {panels}
    </div>
  );
}

function BulletinBody({ b, onDetail }: { b: Bulletin; onDetail: (r: DispatchRow) => void }) {
  const { t } = useI18n();
  const quarterEnd = b.quarter * 3;
  const s = b.summary;
  return (
    <>
      <Card size="small" className="zgsz-plan-bulletin-head" data-testid="plan-bulletin-header">
        <div className="zgsz-plan-bulletin-issuer">{b.header.issuer}</div>
        <div className="zgsz-plan-bulletin-title">{b.header.title}</div>
        <div className="zgsz-plan-bulletin-basis">{b.header.basis}</div>
        <div className="zgsz-plan-bulletin-date">{t('plan.bulletin.asOf', { date: b.header.date, month: monthLabel(t, b.throughMonth) })}</div>
      </Card>
      {b.throughMonth < quarterEnd ? (
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('plan.bulletin.running', { month: monthLabel(t, b.throughMonth) })} data-testid="plan-bulletin-running" />
      ) : null}

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        {([
          ['indicators', s.indicators, '#1f4e8c'],
          ['green', s.green, LIGHT_HEX.green],
          ['amber', s.amber, LIGHT_HEX.amber],
          ['red', s.red, LIGHT_HEX.red],
          ['none', s.none, '#8c8c8c'],
        ] as const).map(([k, v, color]) => (
          <Col xs={12} md={8} lg={{ flex: '1 1 0' }} key={k}>
            <Card size="small" className="zgsz-kpi">
              <Statistic title={k === 'indicators' ? t('plan.bulletin.indicators') : t(`plan.light.${k}`)} value={v} styles={{ content: { color } }} data-testid={`plan-bulletin-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>

      <Card size="small" style={{ marginTop: 12 }} title={t('plan.bulletin.byAction')} data-testid="plan-bulletin-actions">
        <Row gutter={[16, 12]}>
          <Col xs={24} xl={12}>
            <Table
              size="small" rowKey="id" pagination={false} dataSource={b.actions}
              columns={[
                { title: t('plan.col.clause'), dataIndex: 'clause', width: 70, render: (v: string) => <span className="zgsz-nowrap">{v}</span> },
                { title: t('plan.col.action'), dataIndex: 'title' },
                ...(['green', 'amber', 'red', 'none'] as const).map((l) => ({
                  title: <span className="zgsz-nowrap">{t(`plan.light.${l}`)}</span>, dataIndex: l, width: 72, align: 'center' as const,
                  render: (v: number) => (v ? <b style={{ color: l === 'none' ? '#8c8c8c' : LIGHT_HEX[l] }}>{v}</b> : <Typography.Text type="secondary">0</Typography.Text>),
                })),
              ]}
            />
          </Col>
          <Col xs={24} xl={12}><ActionChart b={b} /></Col>
        </Row>
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={<span>{t('plan.bulletin.lagging')} <Tag color={b.lagging.length ? 'error' : 'success'}>{b.lagging.length}</Tag></span>} data-testid="plan-bulletin-lagging"
        extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('plan.bulletin.laggingHelp')}</Typography.Text>}>
        <RowTable rows={b.lagging} onDetail={onDetail} empty={t('plan.bulletin.noLagging')} kind="lagging" />
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={<span>{t('plan.bulletin.disagreements')} <Tag color={b.disagreements.length ? 'warning' : 'success'}>{b.disagreements.length}</Tag></span>} data-testid="plan-bulletin-disagreements">
        <RowTable rows={b.disagreements} onDetail={onDetail} empty={t('plan.bulletin.noDisagreements')} kind="records" />
      </Card>

      <Card size="small" style={{ marginTop: 12 }} title={t('plan.bulletin.discipline')} data-testid="plan-bulletin-discipline"
        extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('plan.bulletin.disciplineHelp')}</Typography.Text>}>
        <Table
          size="small" rowKey="id" pagination={false} dataSource={b.discipline}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.bulletin.noDiscipline')} /> }}
          columns={[
            { title: t('plan.bulletin.unit'), dataIndex: 'unit', width: 180, render: (v: string) => <b>{v}</b> },
            {
              title: t('plan.bulletin.missing'), key: 'missing',
              render: (_, d) => <ItemList items={d.missing} color={LIGHT_HEX.red} />,
            },
            {
              title: t('plan.bulletin.late'), key: 'late',
              render: (_, d) => <ItemList items={d.late} color="#d46b08" />,
            },
          ]}
        />
      </Card>
    </>
  );
}

/** The lights of each action as stacked bars, in the order of the text. */
function ActionChart({ b }: { b: Bulletin }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const actions = [...b.actions].reverse();
    return {
      color: LIGHTS.map((l) => LIGHT_HEX[l]),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 30, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#555', fontSize: 12 } },
      yAxis: { type: 'category', data: actions.map((a) => a.clause), axisLabel: { color: '#555', fontSize: 12 } },
      series: LIGHTS.map((l) => ({ name: t(`plan.light.${l}`), type: 'bar', stack: 'l', barMaxWidth: 14, data: actions.map((a) => a[l] || null) })),
    };
  }, [b, t]);
  return <EChart option={option} height={Math.max(240, 26 * b.actions.length + 40)} testId="chart-bulletin" />;
}

function ItemList({ items, color }: { items: string[]; color: string }) {
  const { t } = useI18n();
  if (!items.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div>
      <b style={{ color }}>{t('plan.bulletin.itemCount', { count: items.length })}</b>
      <Typography.Paragraph style={{ margin: 0, fontSize: 12.5 }} ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (x: boolean) => (x ? t('plan.quote.less') : t('plan.quote.more')) }}>
        {items.join('、')}
      </Typography.Paragraph>
    </div>
  );
}

function RowTable({ rows, onDetail, empty, kind }: { rows: DispatchRow[]; onDetail: (r: DispatchRow) => void; empty: string; kind: 'lagging' | 'records' }) {
  const { t } = useI18n();
  return (
    <Table<DispatchRow>
      size="small" rowKey={rowKey} pagination={false} dataSource={rows} scroll={{ x: 900 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      onRow={(r) => ({ onClick: () => onDetail(r), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('plan.col.indicator'), key: 'name', render: (_, r) => <span><a>{r.name}</a>{r.regionName ? <Tag color="geekblue" style={{ marginInlineStart: 6 }}>{r.regionName}</Tag> : null}</span> },
        { title: t('plan.col.reporter'), dataIndex: 'reporterName', width: 100, render: (v: string | null) => <span className="zgsz-nowrap">{v ?? '—'}</span> },
        ...(kind === 'lagging' ? [
          { title: t('plan.bulletin.goal'), key: 'goal', width: 110, align: 'right' as const, render: (_: unknown, r: DispatchRow) => <GoalText goal={r.goal} /> },
          { title: t('plan.bulletin.latest'), key: 'latest', width: 110, align: 'right' as const, render: (_: unknown, r: DispatchRow) => (r.latest ? <span className="zgsz-nowrap">{r.latest.display}<span className="zgsz-plan-sub">({monthLabel(t, r.latest.month)})</span></span> : '—') },
          { title: t('plan.col.completion'), key: 'completion', width: 86, align: 'right' as const, render: (_: unknown, r: DispatchRow) => formatCompletion(r.completion) },
          { title: t('plan.col.projected'), dataIndex: 'projectedDisplay', width: 100, align: 'right' as const },
          { title: t('plan.col.light'), key: 'light', width: 76, align: 'center' as const, render: (_: unknown, r: DispatchRow) => <LightTag light={r.light} /> },
        ] : [
          { title: t('plan.bulletin.reported'), key: 'reported', width: 110, align: 'right' as const, render: (_: unknown, r: DispatchRow) => r.report.current?.display ?? '—' },
          { title: t('plan.col.records'), key: 'records', width: 110, align: 'right' as const, render: (_: unknown, r: DispatchRow) => r.records?.display ?? '—' },
          { title: t('plan.bulletin.check'), key: 'agreement', width: 130, render: (_: unknown, r: DispatchRow) => <AgreementTag agreement={r.records?.agreement ?? null} /> },
        ]),
      ]}
    />
  );
}
