// 年底完成预测与预警: each region's year-end completion projected from its pace so far (run rate or
// the recent three months), charted against the target (100%) and half of it (50%), with the early
// warnings — a region heading below its target or below half of it — listed with their explanation.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Segmented, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { CATEGORIES, type Category, type Forecast, wholeProjected } from '../../api/assessment.ts';
import { api } from '../../api/client.ts';
import { CHART_COLORS, type ChartOption, EChart } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatCount } from '../../lib/format.ts';
import { type Translate, useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-assessment.ts';
import { categoryName, nameOf } from './shared.tsx';
import { useLastMonth } from './TrackingTab.tsx';

// The goal line: registered here, not in EChart.tsx, so the homes' charts do not carry it.
echarts.use([MarkLineComponent]);

const STATUS_COLOR: Record<Forecast['status'], string> = { 'on-track': 'green', 'below-target': 'orange', 'below-half': 'red' };
const percent = (s: string) => Number(s.replace('%', ''));

export function ForecastTab({ year }: { year: number }) {
  const { t } = useI18n();
  const last = useLastMonth(year);
  const [month, setMonth] = useState<number | null>(null);
  const through = month ?? last;
  const [method, setMethod] = useState<'run-rate' | 'recent-trend'>('run-rate');
  const [category, setCategory] = useState<Category>('retrofit');
  const query = useQuery({
    queryKey: ['assessment', year, 'forecast', through, method],
    queryFn: () => api.get<Forecast[]>(`/assessment/${year}/forecast`, { month: through, method }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  // After December the figures are the year's result, not a forecast.
  const final = through === 12;
  const statusGroup = final ? 'final' as const : 'status' as const;
  const option = useMemo(() => (data ? forecastChart(data.filter((f) => f.category === category), t, final) : null), [data, category, t, final]);
  const warnings = (data ?? []).filter((f) => f.status !== 'on-track')
    .sort((a, b) => (a.status === b.status ? percent(a.projectedRate) - percent(b.projectedRate) : a.status === 'below-half' ? -1 : 1));

  const columns: ColumnsType<Forecast> = [
    { title: t('ass.region'), dataIndex: 'regionName', width: 110, render: (v: string) => <span className="asc-nowrap">{v}</span> },
    { title: t('asc.fc.category'), dataIndex: 'category', width: 150, render: (c: Category) => categoryName(t, c) },
    { title: t('asc.fc.status'), dataIndex: 'status', width: 110, render: (s: Forecast['status']) => <Tag color={STATUS_COLOR[s]}>{nameOf(t, statusGroup, s)}</Tag> },
    { title: t('asc.fc.actual'), key: 'actual', width: 110, align: 'right', render: (_, f) => <span className="asc-nowrap">{formatCount(f.actual)}/{formatCount(f.target)}</span> },
    ...(final ? [] : [{
      title: t('asc.fc.projected'), key: 'projected', width: 140, align: 'right' as const,
      render: (_: unknown, f: Forecast) => <span className="asc-nowrap">{wholeProjected(f.projected)}({f.projectedRate})</span>,
    }]),
    ...(final ? [] : [{ title: t('asc.fc.perMonth'), dataIndex: 'perMonthNeeded', width: 100, align: 'right' as const, render: (v: number) => formatCount(Math.ceil(v)) }]),
    { title: t('asc.fc.explanation'), dataIndex: 'explanation', render: (v: string) => <span style={{ overflowWrap: 'anywhere' }}>{v}</span> },
  ];

  return (
    <div data-testid="assessment-forecast">
      <div className="asc-toolbar" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t('asc.track.through')}</span>
          <Select value={through} style={{ width: 110 }} onChange={setMonth} data-testid="forecast-month"
            options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('asc.monthN', { month: i + 1 }), disabled: i + 1 > last }))} />
          <span>{t('asc.fc.method')}</span>
          <Select value={method} style={{ width: 200 }} onChange={setMethod}
            options={[{ value: 'run-rate', label: t('asc.fc.runRate') }, { value: 'recent-trend', label: t('asc.fc.recentTrend') }]} />
        </Space>
      </div>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data && query.isFetching ? <Card><Skeleton active /></Card> : null}
      {data ? (
        <>
          <Card size="small" title={final ? t('asc.fc.chartTitleFinal', { year }) : t('asc.fc.chartTitle', { year, month: through })}
            extra={<Segmented value={category} onChange={(v) => setCategory(v as Category)} options={CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))} data-testid="forecast-category" />}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{final ? t('asc.fc.chartHelpFinal') : t('asc.fc.chartHelp')}</Typography.Paragraph>
            {option ? <EChart option={option} height={340} testId="chart-forecast" /> : <Empty />}
          </Card>
          <Card size="small" style={{ marginTop: 12 }} data-testid="forecast-warnings"
            title={<Space>{t('asc.fc.warnings')}<Tag color={warnings.length ? 'red' : 'green'}>{formatCount(warnings.length)}</Tag></Space>}>
            {final && warnings.length > 0 ? <Typography.Paragraph type="secondary">{t('asc.fc.finalHelp')}</Typography.Paragraph> : null}
            {warnings.length === 0 ? <Alert type="success" showIcon title={t('asc.fc.noWarnings')} /> : (
              <Table<Forecast> rowKey={(f) => `${f.regionId}-${f.category}`} size="small" dataSource={warnings} columns={columns} tableLayout="fixed"
                pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="forecast-warning-table" />
            )}
          </Card>
        </>
      ) : null}
    </div>
  );
}

function forecastChart(rows: Forecast[], t: Translate, final: boolean): ChartOption {
  const status = (r: Forecast) => t(`asc.${final ? 'final' : 'status'}.${r.status}` as Parameters<Translate>[0]);
  // The bar the warning is about says so above it: the projection, or after December the year's result.
  const warned = {
    label: {
      show: true, position: 'top', fontSize: 11, color: CHART_COLORS[4],
      formatter: (p: { dataIndex: number }) => (rows[p.dataIndex]!.status === 'on-track' ? '' : status(rows[p.dataIndex]!)),
    },
    markLine: {
      symbol: 'none', silent: true,
      data: [
        { yAxis: 100, lineStyle: { color: CHART_COLORS[3], type: 'dashed' }, label: { formatter: t('asc.fc.targetLine'), position: 'insideStartTop' } },
        { yAxis: 50, lineStyle: { color: CHART_COLORS[4], type: 'dashed' }, label: { formatter: t('asc.fc.halfLine'), position: 'insideStartTop' } },
      ],
    },
  };
  const now = { name: final ? t('asc.fc.finalRate') : t('asc.fc.currentRate'), type: 'bar', barMaxWidth: 22, itemStyle: { color: CHART_COLORS[final ? 0 : 1] }, data: rows.map((r) => percent(r.rate)) };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}%` },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.regionName), axisLabel: { interval: 0, color: '#333' } },
    // Always up to past 100%, so the target line is on the chart however far behind the regions are.
    yAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(110, Math.ceil(v.max / 10) * 10 + 10), axisLabel: { formatter: '{value}%', color: '#555' } },
    series: final
      ? [{ ...now, ...warned }]
      : [now, { name: t('asc.fc.projectedRate'), type: 'bar', barMaxWidth: 22, itemStyle: { color: CHART_COLORS[0] }, data: rows.map((r) => percent(r.projectedRate)), ...warned }],
  };
}
