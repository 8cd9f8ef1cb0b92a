// 报表: applications of a year by status, by measure, by region and by month of submission, and
// each fund's use (disbursed, committed but not yet paid, remaining), from GET /reports/applications.
// Charts plot 万元 (display only); tooltips and the tables print the exact amounts from fen.
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, download } from '../../api/client.ts';
import type { ApplicationsReport, ApplicationStatus, ReportGroup } from '../../api/applications.ts';
import { CHART_COLORS, type ChartOption, EChart } from '../../components/EChart.tsx';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { formatCount, formatMoney } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { type Translate, useI18n } from '../../lib/i18n.tsx';
import { useYears } from './FundsPage.tsx';

const wan = (fen: number) => fen / 1_000_000;
const AXIS = { color: '#555', fontSize: 12 };
const STATUS_COLORS: Record<string, string> = {
  draft: '#a0a0a0', in_review: CHART_COLORS[1], in_publicity: CHART_COLORS[5], returned: CHART_COLORS[2], approved: CHART_COLORS[3], rejected: CHART_COLORS[4],
};

export default function ReportsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { date } = useBusinessDate();
  const years = useYears();
  const [year, setYear] = useState<number | undefined>();
  const [city, setCity] = useState<'yangzhou' | 'suzhou' | undefined>();
  const y = year ?? Number(date.slice(0, 4));
  const query = useQuery({ queryKey: ['reports', y, city], queryFn: () => api.get<ApplicationsReport>('/reports/applications', { year: y, city }) });
  const r = query.data;
  const charts = useMemo(() => (r ? buildCharts(r, t) : null), [r, t]);
  const total = r?.byStatus.reduce((s, g) => s + g.count, 0) ?? 0;

  const exportFile = async () => {
    try { await download('/reports/payments.xlsx', { year: y, city }, '资金拨付台账.xlsx'); } catch (e) { message.error(errorMessage(e)); }
  };

  return (
    <div className="zgsz-page" data-testid="reports-page">
      <div className="zgsz-page-head">
        <Space>
          <Typography.Title level={4}>{t('rep.title')}</Typography.Title>
          {r ? <Typography.Text type="secondary">{t('rep.summary', { n: formatCount(total), approved: formatMoney(sumOf(r.byStatus, 'approvedFen')), disbursed: formatMoney(sumOf(r.byStatus, 'disbursedFen')) })}</Typography.Text> : null}
        </Space>
        <Space wrap>
          <span>{t('fund.year')}</span>
          <Select value={y} style={{ width: 100 }} onChange={setYear} options={years.map((v) => ({ value: v, label: String(v) }))} data-testid="reports-year" />
          <Select allowClear placeholder={t('fund.anyCity')} value={city} style={{ width: 120 }} onChange={setCity}
            options={[{ value: 'yangzhou', label: t('city.yangzhou') }, { value: 'suzhou', label: t('city.suzhou') }]} />
          <Button icon={<DownloadOutlined />} onClick={() => void exportFile()}>{t('pay.download')}</Button>
        </Space>
      </div>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!r ? <Card><Skeleton active paragraph={{ rows: 10 }} /></Card> : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={9}>
              <ChartCard title={t('rep.byStatus')} option={charts?.status} empty={!r.byStatus.length} testId="chart-status" />
            </Col>
            <Col xs={24} xl={15}>
              <ChartCard title={t('rep.byMonth')} option={charts?.month} empty={!r.byMonth.length} testId="chart-month" />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('rep.byMeasure')} option={charts?.measure} empty={!r.byMeasure.length} testId="chart-measure" height={Math.max(240, r.byMeasure.length * 46 + 70)} />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('rep.byRegion')} option={charts?.region} empty={!r.byRegion.length} testId="chart-region" height={Math.max(240, r.byRegion.length * 46 + 70)} />
            </Col>
            <Col xs={24}>
              <ChartCard title={t('rep.fundUse')} option={charts?.funds} empty={!r.funds.length} testId="chart-funds" height={Math.max(200, r.funds.length * 44 + 80)} />
            </Col>
          </Row>
          <Card size="small" style={{ marginTop: 12 }} title={t('rep.measureTable')}>
            <Table
              size="small" rowKey="key" pagination={false} dataSource={r.byMeasure} data-testid="report-measures"
              columns={[
                { title: t('apl.measure'), dataIndex: 'title' },
                { title: t('rep.count'), dataIndex: 'count', width: 100, align: 'right' },
                { title: t('apl.approved'), dataIndex: 'approvedFen', width: 160, align: 'right', render: (v: number) => formatMoney(v) },
                { title: t('apl.disbursed'), dataIndex: 'disbursedFen', width: 160, align: 'right', render: (v: number) => formatMoney(v) },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}

const sumOf = (groups: ReportGroup[], k: 'approvedFen' | 'disbursedFen') => groups.reduce((s, g) => s + g[k], 0);

function ChartCard({ title, option, empty, testId, height = 280 }: { title: string; option: ChartOption | undefined; empty: boolean; testId: string; height?: number }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title} className="zgsz-chart-card">
      {empty || !option ? <Empty description={t('common.empty')} style={{ height: height - 40, paddingTop: 40 }} /> : <EChart option={option} height={height} testId={testId} />}
    </Card>
  );
}

function buildCharts(r: ApplicationsReport, t: Translate) {
  const statusLabel = (k: string) => (['draft', 'in_review', 'in_publicity', 'returned', 'approved', 'rejected'].includes(k) ? t(`apl.status.${k as ApplicationStatus}`) : k);
  const moneyTip = (groups: (ReportGroup & { label: string })[]) => (ps: { dataIndex: number }[]) => {
    const g = groups[ps[0]!.dataIndex]!;
    return `${g.label}<br/>${t('rep.count')}:${formatCount(g.count)}<br/>${t('apl.approved')}:${formatMoney(g.approvedFen)}<br/>${t('apl.disbursed')}:${formatMoney(g.disbursedFen)}`;
  };

  const status: ChartOption = {
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; percent: number }) => `${p.name}:${formatCount(p.value)}(${p.percent}%)` },
    legend: { bottom: 0, textStyle: AXIS },
    series: [{
      type: 'pie', radius: ['38%', '66%'], center: ['50%', '44%'], avoidLabelOverlap: true,
      label: { formatter: '{b}\n{c}', fontSize: 12 },
      data: r.byStatus.map((g) => ({ name: statusLabel(g.key), value: g.count, itemStyle: { color: STATUS_COLORS[g.key] } })),
    }],
  };

  const months = r.byMonth.map((g) => ({ ...g, label: g.key === '未提交' ? t('rep.notSubmitted') : g.key }));
  const month: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: moneyTip(months) },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((g) => g.label), axisLabel: AXIS },
    yAxis: { type: 'value', name: t('rep.countAxis'), minInterval: 1, axisLabel: AXIS },
    series: [{ type: 'bar', barMaxWidth: 36, itemStyle: { color: CHART_COLORS[0] }, label: { show: true, position: 'top' }, data: months.map((g) => g.count) }],
  };

  const measures = [...r.byMeasure].reverse().map((g) => ({ ...g, label: g.title }));
  const measure: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: moneyTip(measures) },
    legend: { top: 0, textStyle: AXIS },
    grid: { left: 8, right: 40, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: AXIS },
    yAxis: { type: 'category', data: measures.map((g) => `${g.label}(${g.count})`), axisLabel: { ...AXIS, width: 200, overflow: 'truncate' } },
    series: [
      { name: t('apl.approved'), type: 'bar', barMaxWidth: 14, itemStyle: { color: CHART_COLORS[2] }, data: measures.map((g) => wan(g.approvedFen)) },
      { name: t('apl.disbursed'), type: 'bar', barMaxWidth: 14, itemStyle: { color: CHART_COLORS[3] }, data: measures.map((g) => wan(g.disbursedFen)) },
    ],
  };

  const regions = [...r.byRegion].reverse().map((g) => ({ ...g, label: g.regionName }));
  const region: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: moneyTip(regions) },
    legend: { top: 0, textStyle: AXIS },
    grid: { left: 8, right: 40, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: AXIS },
    yAxis: { type: 'category', data: regions.map((g) => `${g.label}(${g.count})`), axisLabel: AXIS },
    series: [
      { name: t('apl.approved'), type: 'bar', barMaxWidth: 14, itemStyle: { color: CHART_COLORS[2] }, data: regions.map((g) => wan(g.approvedFen)) },
      { name: t('apl.disbursed'), type: 'bar', barMaxWidth: 14, itemStyle: { color: CHART_COLORS[3] }, data: regions.map((g) => wan(g.disbursedFen)) },
    ],
  };

  const funds = [...r.funds].reverse();
  const part = (name: string, color: string, pick: (f: (typeof funds)[number]) => number) => ({
    name, type: 'bar', stack: 'use', barMaxWidth: 22, itemStyle: { color }, data: funds.map((f) => wan(pick(f))),
  });
  const fundChart: ChartOption = {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const f = funds[ps[0]!.dataIndex]!;
        return `${f.name}<br/>${t('fund.budget')}:${formatMoney(f.budgetFen)}<br/>${t('fund.committed')}:${formatMoney(f.committedFen)}<br/>${t('fund.disbursed')}:${formatMoney(f.disbursedFen)}<br/>${t('fund.remaining')}:${formatMoney(f.remainingFen)}`;
      },
    },
    legend: { top: 0, textStyle: AXIS },
    grid: { left: 8, right: 24, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: AXIS },
    yAxis: { type: 'category', data: funds.map((f) => f.name), axisLabel: AXIS },
    series: [
      part(t('fund.disbursed'), CHART_COLORS[3], (f) => f.disbursedFen),
      part(t('rep.committedUnpaid'), CHART_COLORS[2], (f) => f.committedFen - f.disbursedFen),
      part(t('fund.remaining'), '#d9dee7', (f) => f.remainingFen),
    ],
  };
  return { status, month, measure, region, funds: fundChart };
}
