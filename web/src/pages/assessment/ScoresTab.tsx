// 评分表 (附件2): the ranking of the scored regions as a chart and a table, and each region's
// explained score sheet. quarter < 4 is the simulated score through that quarter's end.
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Collapse, Empty, Row, Select, Skeleton, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { ApiError, api, download } from '../../api/client.ts';
import { useDefaultQuarter } from './BulletinTab.tsx';
import type { Assessment, Reading, ScoreLine, ScoreSummary } from '../../api/types.ts';
import { CHART_COLORS, type ChartOption, EChart } from '../../components/EChart.tsx';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatNumber } from '../../lib/format.ts';
import { type MessageKey, type Translate, useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-assessment.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { AssessmentProjectImport } from './AssessmentProjectImport.tsx';
import { AssessmentSignOff } from './AssessmentSignOff.tsx';

const SECTION_KEYS: Record<string, MessageKey> = {
  targets: 'ass.section.targets', progress: 'ass.section.progress', bonus: 'ass.section.bonus', deductions: 'ass.section.deductions',
};

/** The annual score needs every region's coverage summary (the year so far does not): a step to take, not a failure. */
const missingCoverage = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 400 && e.field === 'coverage';

export function ScoresTab({ year }: { year: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useSignedIn();
  // The year so far for the running year (its last ended quarter), the full year for past ones.
  const fallback = useDefaultQuarter(year);
  const [chosen, setQuarter] = useState<number | null>(null);
  const quarter = chosen ?? fallback;
  const [regionId, setRegionId] = useState<string | undefined>(user.regionId ?? undefined);

  const query = useQuery({
    queryKey: ['assessment', year, 'scores', quarter],
    queryFn: () => api.get<Assessment>(`/assessment/${year}/scores`, { quarter }),
    placeholderData: keepPreviousData,
  });
  const data = query.data?.year === year ? query.data : undefined;
  const sheet = data?.sheets.find((s) => s.regionId === regionId) ?? data?.sheets[0];
  const option = useMemo(() => (data ? rankingChart(data, t) : null), [data, t]);

  const exportScores = async () => {
    try { await download(`/assessment/${year}/scores/export`, { quarter }, `${year}年智改数转考核评分表.xlsx`); } catch (e) { message.error(errorMessage(e)); }
  };

  const rankingColumns: ColumnsType<ScoreSummary> = [
    { title: t('ass.rank'), dataIndex: 'rank', width: 70, align: 'center' },
    { title: t('ass.region'), dataIndex: 'regionName', className: 'asc-nowrap' },
    { title: t('ass.targets'), key: 'targets', align: 'right', render: (_, r) => formatNumber(r.subtotals.targets) },
    { title: t('ass.progress'), key: 'progress', align: 'right', render: (_, r) => formatNumber(r.subtotals.progress) },
    { title: t('ass.bonus'), key: 'bonus', align: 'right', render: (_, r) => formatNumber(r.subtotals.bonus) },
    { title: t('ass.deductions'), key: 'deductions', align: 'right', render: (_, r) => (r.subtotals.deductions ? `-${formatNumber(Math.abs(r.subtotals.deductions))}` : '0') },
    { title: t('ass.total'), dataIndex: 'total', align: 'right', render: (v: number) => <strong>{formatNumber(v)}</strong> },
  ];

  return (
    <div data-testid="assessment-scores">
      <div className="asc-toolbar" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t('ass.quarter')}</span>
          <Select value={quarter} style={{ width: 140 }} onChange={setQuarter} data-testid="assessment-quarter"
            options={[1, 2, 3, 4].map((q) => ({ value: q, label: q === 4 ? t('ass.fullYear') : t('ass.quarterN', { n: q }) }))} />
          <Button icon={<DownloadOutlined />} onClick={() => void exportScores()}>{t('ass.export')}</Button>
        </Space>
      </div>
      {missingCoverage(query.error) ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="scores-missing-coverage" title={t('asc.scores.missingCoverage')}
          description={query.error.message}
          action={quarter === 4 ? <Button size="small" onClick={() => setQuarter(3)}>{t('asc.scores.provisional')}</Button> : undefined} />
      ) : query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data && query.isFetching ? <Card><Skeleton active paragraph={{ rows: 10 }} /></Card> : null}
      {data ? (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('ass.chartTitle', { year: data.year })}>
                {option && data.ranking.length ? <EChart option={option} height={Math.max(180, data.ranking.length * 34 + 70)} testId="chart-ranking" /> : <Empty description={t('common.empty')} />}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('ass.ranking')}>
                <Table<ScoreSummary> rowKey="regionId" size="small" dataSource={data.ranking} columns={rankingColumns} pagination={false} loading={query.isFetching}
                  onRow={(r) => ({ onClick: () => setRegionId(r.regionId), style: { cursor: 'pointer' } })}
                  rowClassName={(r) => (r.regionId === sheet?.regionId ? 'zgsz-row-selected' : '')} data-testid="ranking-table" />
              </Card>
            </Col>
          </Row>
          <Card
            size="small" style={{ marginTop: 12 }}
            title={<Space>{t('ass.sheet')}{sheet ? <Tag color="blue">{sheet.regionName}</Tag> : null}{sheet ? <span>{t('ass.total')} {formatNumber(sheet.total)}</span> : null}</Space>}
            extra={data.sheets.length > 1 ? (
              <Select style={{ width: 200 }} value={sheet?.regionId} placeholder={t('ass.chooseRegion')} onChange={setRegionId}
                options={data.sheets.map((s) => ({ value: s.regionId, label: s.regionName }))} />
            ) : null}
          >
            {sheet ? <SheetTable lines={sheet.lines} /> : <Empty description={t('common.empty')} />}
          </Card>
          <AssessmentSignOff year={data.year} />
          <Collapse
            style={{ marginTop: 12 }} size="small"
            items={[{ key: 'readings', label: `${t('ass.readings')}(${data.readings.length})`, children: <ReadingsTable readings={data.readings} /> }]}
          />
        </>
      ) : null}
      {can(user.role, 'assessment.record') && data ? <AssessmentProjectImport /> : null}
    </div>
  );
}

/**
 * The coverage line's 规上企业数 is the region's reported total (规上企业实施“智改数转”项目情况汇总表),
 * not the enterprises on the platform's file the dashboard counts; its label says so.
 */
function dataLabel(key: string, t: Translate) {
  if (key !== '规上企业数') return <em>{key}</em>;
  return <Tooltip title={t('ass.data.aboveScaleReportedHint')}><em data-testid="sheet-above-scale-label">{t('ass.data.aboveScaleReported')}</em></Tooltip>;
}

function SheetTable({ lines }: { lines: ScoreLine[] }) {
  const { t } = useI18n();
  // Fixed widths that fit a 1280 px window with the menu open; the explanation takes the rest and
  // wraps (long identifiers too), so nothing hides behind a horizontal scroll.
  const columns: ColumnsType<ScoreLine> = [
    { title: t('ass.section'), dataIndex: 'section', width: 76, render: (s: string) => (SECTION_KEYS[s] ? t(SECTION_KEYS[s]) : s) },
    { title: t('ass.item'), dataIndex: 'item', width: 140 },
    { title: t('ass.clause'), dataIndex: 'clause', width: 112 },
    { title: t('ass.points'), dataIndex: 'points', width: 64, align: 'right', render: (v: number) => <strong>{formatNumber(v)}</strong> },
    { title: t('ass.max'), dataIndex: 'max', width: 56, align: 'right', render: (v: number | null) => (v === null ? '—' : formatNumber(v)) },
    {
      title: t('ass.data'), dataIndex: 'data', width: 220,
      render: (d: ScoreLine['data']) => (
        <div className="zgsz-kv">{Object.entries(d).map(([k, v]) => <span key={k}>{dataLabel(k, t)}{typeof v === 'number' ? formatNumber(v) : v}</span>)}</div>
      ),
    },
    { title: t('ass.explanation'), dataIndex: 'explanation', render: (v: string) => <span className="zgsz-explain" style={{ overflowWrap: 'anywhere' }}>{v}</span> },
  ];
  return <Table<ScoreLine> rowKey={(l) => `${l.section}-${l.item}`} size="small" dataSource={lines} columns={columns} tableLayout="fixed"
    pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="score-sheet" />;
}

function ReadingsTable({ readings }: { readings: Reading[] }) {
  const { t } = useI18n();
  return (
    <Table<Reading> rowKey={(r) => r.setting} size="small" dataSource={readings} pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t('ass.clause'), dataIndex: 'clause', width: 130 },
        { title: t('ass.words'), dataIndex: 'words' },
        { title: t('ass.adopted'), dataIndex: 'adopted' },
        { title: t('ass.setting'), dataIndex: 'setting', width: 240, render: (v: string) => <span className="zgsz-mono">{v}</span> },
      ]}
    />
  );
}

function rankingChart(data: Assessment, t: Translate): ChartOption {
  // Best first at the top: ECharts draws category axes bottom-up.
  const rows = [...data.ranking].reverse();
  const part = (name: string, pick: (r: ScoreSummary) => number, color: string) => ({
    name, type: 'bar', stack: 'score', barMaxWidth: 22, itemStyle: { color }, data: rows.map(pick),
  });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
    // Deductions are small negatives: let the axis reach just below them rather than a round -20.
    xAxis: { type: 'value', min: (v: { min: number }) => (v.min < 0 ? Math.floor(v.min) : 0), axisLabel: { color: '#555' } },
    yAxis: { type: 'category', data: rows.map((r) => `${r.rank}. ${r.regionName}`), axisLabel: { color: '#333' } },
    series: [
      part(t('ass.targets'), (r) => r.subtotals.targets, CHART_COLORS[0]),
      part(t('ass.progress'), (r) => r.subtotals.progress, CHART_COLORS[1]),
      { ...part(t('ass.bonus'), (r) => r.subtotals.bonus, CHART_COLORS[2]), label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => formatNumber(rows[p.dataIndex]!.total) } },
      part(t('ass.deductions'), (r) => -Math.abs(r.subtotals.deductions), CHART_COLORS[4]),
    ],
  };
}
