// 批量测算(免申即享): upload a list of enterprises (CSV or XLSX), choose the policy and the date,
// optionally parameter overrides; read the totals by measure, region and payer, the quota notes,
// the enterprises entitled and, with overrides, the what-if change per measure and in total.
// The list is run as a job (a province's list takes longer than a request should be held open):
// the page follows its progress, and 测算记录 opens an earlier run's result again.
import { DateInput } from '../components/DateInput.tsx';
import { DownloadOutlined, HistoryOutlined, PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert, Button, Card, Col, Descriptions, Drawer, Empty, Input, Progress, Row, Skeleton, Space, Statistic, Switch, Table, Tag, Typography, Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import {
  type BatchJob, type BatchMatch, type BatchMeasure, type BatchRegion, type BatchReport, getBatchJob, listBatchJobs, queueBatchJob, type WhatIfReport,
} from '../api/policy-batch.ts';
import type { MoneyRange, PolicySummary, Validity } from '../api/types.ts';
import { CHART_COLORS, type ChartOption, EChart } from '../components/EChart.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { JobStateTag } from '../components/JobStateTag.tsx';
import { wanText } from '../lib/entitlement.ts';
import { chinaToday, formatCount, formatDateTime, formatMoney, formatMoneyRange, formatNumber } from '../lib/format.ts';
import { type Translate, useI18n } from '../lib/i18n.tsx';
import '../lib/i18n-load-file-match.ts';
import { orderPolicies, PolicyPicker } from './policy/PolicyPicker.tsx';
import { Link } from 'react-router';
import { can } from '../lib/access.ts';
import { useSignedIn } from '../lib/session.tsx';

const MATCHES_LIMIT = 200;

/** The date to evaluate on by default: today while the policy is in force, else the nearest day it was. */
function defaultDate(v: Validity): string {
  const today = chinaToday();
  if (today < v.from) return v.from;
  if (today > v.to) return v.to;
  return today;
}

/**
 * A small list in the documented layout that both texts match something in: E001 clearly entitled
 * (2,500万元 project, a loan through the platform), E002 not, E003 with two projects (two rows).
 */
export function sampleCsv(city: string): string {
  const regions = city.includes('苏州') ? ['昆山市', '吴江区', '张家港市'] : ['宝应县', '高邮市', '江都区'];
  const rows = [
    ['id', 'name', 'region', 'applicant_type', 'independent_legal_person', 'projects.annual_investment', 'projects.loan_via_platform', 'projects.loan_amount'],
    ['E001', '示例智造机械有限公司', regions[0]!, 'enterprise', '是', '2500万元', '是', '1000万元'],
    ['E002', '示例精密零部件有限公司', regions[1]!, 'enterprise', '是', '1800万元', '否', ''],
    ['E003', '示例重工装备有限公司', regions[2]!, 'enterprise', '是', '8000万元', '是', '3000万元'],
    ['E003', '', '', '', '', '3000万元', '否', ''],
  ];
  return `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
}

function downloadSample(city: string) {
  const url = URL.createObjectURL(new Blob([sampleCsv(city)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = '批量测算示例.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `name=value` lines → the list the API takes, or the first line that is not of that form. */
export function parseOverrides(text: string, t: Translate): { list: string[]; error: string | null } {
  const list: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0 || !line.slice(eq + 1).trim()) return { list, error: t('batch.badOverride', { line: i + 1, text: line }) };
    list.push(`${line.slice(0, eq).trim()}=${line.slice(eq + 1).trim()}`);
  }
  return { list, error: null };
}

const range = (m: { min: number; max: number | null }): MoneyRange => ({ min: m.min, max: m.max });
const signedMoney = (fen: number | null) => (fen === null ? '—' : `${fen > 0 ? '+' : ''}${formatMoney(fen)}`);
const signedCount = (n: number) => `${n > 0 ? '+' : ''}${formatCount(n)}`;

export default function PolicyBatchPage() {
  const { t } = useI18n();
  const policies = useQuery({ queryKey: ['policies'], queryFn: () => api.get<PolicySummary[]>('/policies'), staleTime: 300_000 });
  if (policies.isError) return <ErrorAlert error={policies.error} onRetry={() => { void policies.refetch(); }} />;
  if (!policies.data) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (!policies.data.length) return <Card><Empty description={t('common.empty')} /></Card>;
  return <BatchRunner policies={policies.data} />;
}

const finished = (j: BatchJob | undefined) => j?.status === 'done' || j?.status === 'failed';

function BatchRunner({ policies }: { policies: PolicySummary[] }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const ordered = useMemo(() => orderPolicies(policies), [policies]);
  const [policyId, setPolicyId] = useState(ordered[0]!.id);
  const policy = policies.find((p) => p.id === policyId) ?? policies[0]!;
  const [dates, setDates] = useState<Record<string, string>>({});
  const date = dates[policy.id] ?? defaultDate(policy.validity);
  const [file, setFile] = useState<File | null>(null);
  const [overrideText, setOverrideText] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);

  // The report reads the text's own parameters; the what-if beside it shows what the overrides change.
  const run = useMutation({
    mutationFn: ({ file: f, overrides }: { file: File; overrides: string[] }) => queueBatchJob(policy.id, f, date, overrides, MATCHES_LIMIT),
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    queryKey: ['batch-job', jobId],
    enabled: !!jobId,
    queryFn: () => getBatchJob(jobId!, false),
    refetchInterval: (q) => (finished(q.state.data) ? false : 1000),
  });
  // Asked for once, when the run is done: the report with its match list.
  const result = useQuery({
    queryKey: ['batch-job-result', jobId],
    enabled: !!jobId && job.data?.status === 'done',
    queryFn: () => getBatchJob(jobId!, true),
    staleTime: Infinity,
  });
  const reset = () => { run.reset(); setJobId(null); };

  const start = () => {
    if (!file) { setLocalError(t('batch.noFile')); return; }
    const parsed = parseOverrides(overrideText, t);
    if (parsed.error) { setLocalError(parsed.error); return; }
    setLocalError(null);
    setJobId(null);
    run.mutate({ file, overrides: parsed.list });
  };
  const running = run.isPending || (!!jobId && !finished(job.data));

  return (
    <div className="zgsz-page" data-testid="batch-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('batch.title')}</Typography.Title>
        <Space>
          {can(user.role, 'policies.match_file') ? <Link to="/policies/file-match" data-testid="batch-file-match">{t('fm.fileInstead')}</Link> : null}
          <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="batch-history">{t('batch.history')}</Button>
        </Space>
      </div>
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('batch.intro')}</Typography.Paragraph>
        <Row gutter={16} align="bottom">
          <Col xs={24} lg={10}>
            <div className="zgsz-label">{t('pol.policy')}</div>
            <PolicyPicker policies={ordered} value={policy.id} onChange={(id) => { setPolicyId(id); reset(); }} testId="batch-policy" />
          </Col>
          <Col xs={12} lg={4}>
            <div className="zgsz-label">{t('pol.date')}</div>
            <DateInput value={date} min={policy.validity.from} max={policy.validity.to}
              onChange={(v) => setDates((d) => ({ ...d, [policy.id]: v }))} testId="batch-date" />
          </Col>
          <Col xs={12} lg={10}>
            <Space wrap>
              <Tag color={policy.validity.status === 'in_force' ? 'green' : policy.validity.status === 'expired' ? 'default' : 'orange'}>{t(`pol.validity.${policy.validity.status}`)}</Tag>
              <Typography.Text type="secondary" data-testid="batch-window">{t('pol.window', { from: policy.validity.from, to: policy.validity.to })}</Typography.Text>
            </Space>
          </Col>
        </Row>
        {policy.validity.status !== 'in_force' ? (
          <Alert type="info" showIcon style={{ marginTop: 8 }} title={`${policy.validity.message}。${t('pol.dateNote', { date: defaultDate(policy.validity) })}`} />
        ) : null}
        <Row gutter={16} style={{ marginTop: 12 }}>
          <Col xs={24} lg={12}>
            <div className="zgsz-label">{t('batch.file')}</div>
            <Space wrap>
              <Upload accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" maxCount={1} showUploadList={false}
                beforeUpload={(f) => { setFile(f); setLocalError(null); reset(); return false; }}>
                <Button icon={<UploadOutlined />} data-testid="batch-choose">{t('batch.choose')}</Button>
              </Upload>
              {file ? <Tag color="blue" data-testid="batch-file-name">{file.name}</Tag> : null}
              <Button type="link" icon={<DownloadOutlined />} onClick={() => downloadSample(policy.city)} data-testid="batch-sample">{t('batch.sample')}</Button>
            </Space>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12.5, marginTop: 8, marginBottom: 0 }}>{t('batch.columns')}</Typography.Paragraph>
          </Col>
          <Col xs={24} lg={12}>
            <div className="zgsz-label">{t('batch.overrides')}</div>
            <Input.TextArea rows={3} value={overrideText} onChange={(e) => setOverrideText(e.target.value)} placeholder={t('batch.overridesHint')}
              data-testid="batch-overrides" style={{ fontFamily: 'monospace' }} />
          </Col>
        </Row>
        <div style={{ marginTop: 12, textAlign: 'right' }}>
          <Button type="primary" icon={<PlayCircleOutlined />} loading={running} onClick={start} data-testid="batch-run">{t('batch.run')}</Button>
        </div>
      </Card>

      {localError ? <Alert type="error" showIcon role="alert" title={localError} style={{ marginTop: 12 }} data-testid="batch-local-error" /> : null}
      {run.isError ? <div style={{ marginTop: 12 }} data-testid="batch-error"><ErrorAlert error={run.error} title={t('batch.failed')} /></div> : null}
      {job.isError ? <div style={{ marginTop: 12 }}><ErrorAlert error={job.error} onRetry={() => { void job.refetch(); }} /></div> : null}
      {jobId && job.data && !finished(job.data) ? <JobProgress job={job.data} /> : null}
      {job.data?.status === 'failed' ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('batch.failed')} description={job.data.error?.message} data-testid="batch-error" />
      ) : null}
      {result.isError ? <div style={{ marginTop: 12 }}><ErrorAlert error={result.error} onRetry={() => { void result.refetch(); }} /></div> : null}
      {result.data?.result ? <BatchResult report={result.data.result.report} whatIf={result.data.result.whatIf} /> : null}
      <Drawer open={historyOpen} onClose={() => setHistoryOpen(false)} title={t('batch.history')} size="large" destroyOnHidden>
        <BatchHistory policies={policies} onOpen={(id) => { setJobId(id); setHistoryOpen(false); }} />
      </Drawer>
    </div>
  );
}

/** A queued or running batch: how much of the list has been read. */
function JobProgress({ job }: { job: BatchJob }) {
  const { t } = useI18n();
  const percent = job.progress.total ? Math.floor((job.progress.done / job.progress.total) * 100) : 0;
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="batch-progress">
      <Typography.Text>{job.status === 'queued' ? t('batch.queued') : t('batch.reading', { percent })}</Typography.Text>
      <Progress percent={percent} status="active" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('batch.leave')}</Typography.Text>
    </Card>
  );
}

/** My recent runs, newest first; a finished one opens its result on the page again. */
function BatchHistory({ policies, onOpen }: { policies: PolicySummary[]; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const jobs = useQuery({
    queryKey: ['batch-jobs', 'mine'],
    queryFn: listBatchJobs,
    refetchInterval: (q) => (q.state.data?.some((j) => !finished(j)) ? 2000 : false),
  });
  // The city names the policy in a narrow column (two texts, one per city); its title is the tooltip.
  const policyOf = (id: string) => policies.find((p) => p.id === id);
  if (jobs.isError) return <ErrorAlert error={jobs.error} onRetry={() => { void jobs.refetch(); }} />;
  return (
    <Table<BatchJob>
      size="small" rowKey="id" pagination={false} dataSource={jobs.data ?? []} loading={jobs.isLoading}
      locale={{ emptyText: t('batch.historyEmpty') }} data-testid="batch-jobs"
      columns={[
        { title: t('exp.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
        {
          title: t('batch.runOf'), key: 'what',
          render: (_: unknown, j) => (
            <Space orientation="vertical" size={0}>
              <span title={policyOf(j.policyId)?.shortTitle}>{policyOf(j.policyId)?.city ?? j.policyId} · {j.date}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {j.fileName ?? '—'}{Object.keys(j.overrides).length ? ` · ${t('batch.overridesCount', { n: Object.keys(j.overrides).length })}` : ''}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('exp.state'), key: 'state', width: 90, render: (_: unknown, j) => <JobStateTag status={j.status} /> },
        {
          title: t('batch.entitledShort'), key: 'entitled', width: 150, align: 'right',
          render: (_: unknown, j) => (j.summary ? `${formatCount(j.summary.entitled)} / ${formatCount(j.summary.enterprises)}` : j.status === 'failed' ? <Typography.Text type="secondary">{j.error?.message}</Typography.Text> : '—'),
        },
        {
          title: '', key: 'open', width: 80,
          render: (_: unknown, j) => (j.status === 'done' ? <Button size="small" type="link" onClick={() => onOpen(j.id)} data-testid="batch-open">{t('batch.open')}</Button> : null),
        },
      ]}
    />
  );
}

function BatchResult({ report, whatIf }: { report: BatchReport; whatIf: WhatIfReport | null }) {
  const { t, lang } = useI18n();
  const [onlyMatched, setOnlyMatched] = useState(true);
  const measures = onlyMatched ? report.measures.filter((m) => m.eligible > 0) : report.measures;
  const quotas = report.measures.filter((m) => m.quota);
  const scenarioMax = useMemo(() => new Map(whatIf?.measures.map((m) => [m.id, m.max.scenario]) ?? []), [whatIf]);

  const chartList = useMemo(() => report.measures.filter((m) => m.eligible > 0 || (scenarioMax.get(m.id) ?? 0) > 0).reverse(), [report, scenarioMax]);
  const chart = useMemo<ChartOption | null>(() => {
    const list = chartList;
    if (!list.length) return null;
    const wan = (fen: number | null | undefined) => (fen ?? 0) / 1_000_000;
    const series: object[] = [{
      name: t('batch.seriesBase'), type: 'bar', barMaxWidth: 18, data: list.map((m) => wan(m.max ?? m.min)),
      label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => wanText(list[p.dataIndex]!.max ?? list[p.dataIndex]!.min) },
    }];
    if (whatIf) {
      series.push({
        name: t('batch.seriesScenario'), type: 'bar', barMaxWidth: 18, data: list.map((m) => wan(scenarioMax.get(m.id))),
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => wanText(scenarioMax.get(list[p.dataIndex]!.id) ?? 0) },
      });
    }
    return {
      color: [CHART_COLORS[0], CHART_COLORS[2]],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      ...(whatIf ? { legend: { top: 0 } } : {}),
      grid: { left: 8, right: 100, top: whatIf ? 28 : 8, bottom: 8, containLabel: true },
      // One unit on the axis and the labels: 万元.
      xAxis: { type: 'value', name: lang === 'zh' ? '万元' : '×10k yuan', nameGap: 6, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      yAxis: { type: 'category', data: list.map((m) => `${m.title}(${m.clause})`), axisLabel: { width: 280, overflow: 'truncate' } },
      series,
    };
  }, [chartList, whatIf, scenarioMax, t, lang]);

  const measureColumns: ColumnsType<BatchMeasure> = [
    {
      title: t('pol.measure'), dataIndex: 'title',
      render: (title: string, m) => <Space orientation="vertical" size={0}><strong>{title}</strong><Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.clause}</Typography.Text></Space>,
    },
    { title: t('batch.eligible'), dataIndex: 'eligible', width: 100, align: 'right', render: (n: number) => formatCount(n) },
    { title: t('pol.amount'), key: 'amount', width: 170, align: 'right', render: (_, m) => <span className="zgsz-amount">{formatMoneyRange(range(m))}</span> },
    { title: t('pol.payer'), dataIndex: 'payerLabel', width: 110 },
    {
      title: t('batch.quota'), key: 'quota', width: 90,
      render: (_, m) => (m.quota ? <Tag color={m.quota.exceeded ? 'red' : 'green'}>{formatCount(m.quota.value)}</Tag> : '—'),
    },
  ];
  const regionColumns: ColumnsType<BatchRegion> = [
    { title: t('batch.region'), dataIndex: 'region', render: (r: string) => <span style={{ whiteSpace: 'nowrap' }}>{r || t('batch.noRegion')}</span> },
    { title: t('batch.enterprises'), dataIndex: 'enterprises', width: 80, align: 'right', render: (n: number) => formatCount(n) },
    { title: t('batch.entitledShort'), dataIndex: 'entitled', width: 90, align: 'right', render: (n: number) => formatCount(n) },
    { title: t('pol.amount'), key: 'amount', width: 150, align: 'right', render: (_, r) => <span className="zgsz-amount">{formatMoneyRange(range(r))}</span> },
  ];
  const payers = (['city', 'county', 'shared'] as const).map((p) => ({ key: p, label: t(`pol.payer.${p}`), amount: report.byPayer[p] }));
  const matchColumns: ColumnsType<BatchMatch> = [
    { title: t('batch.enterpriseId'), dataIndex: 'id', width: 110 },
    { title: t('batch.enterpriseName'), dataIndex: 'name', render: (n?: string) => n ?? '—' },
    { title: t('batch.region'), dataIndex: 'region', width: 110, render: (r?: string) => r ?? '—' },
    { title: t('batch.matchedMeasures'), key: 'measures', render: (_, m) => <Space size={[4, 4]} wrap>{m.measures.map((x) => <Tag key={x.id}>{x.clause}</Tag>)}</Space> },
    {
      title: t('pol.amount'), key: 'amount', width: 200, align: 'right',
      render: (_, m) => {
        const min = m.measures.reduce((s, x) => s + x.min, 0);
        const max = m.measures.some((x) => x.max === null) ? null : m.measures.reduce((s, x) => s + (x.max ?? 0), 0);
        return <span className="zgsz-amount">{formatMoneyRange({ min, max })}</span>;
      },
    },
  ];

  return (
    <div data-testid="batch-result">
      <Card size="small" style={{ marginTop: 12 }} title={`${t('pol.resultTitle')} · ${report.policy.city} · ${report.date}${whatIf ? ` · ${t('batch.textParams')}` : ''}`}>
        <Alert type={report.validity.status === 'in_force' ? 'success' : 'warning'} showIcon title={report.validity.message} description={`${t('pol.basis')}:${report.validity.clause}`} style={{ marginBottom: 12 }} />
        {report.warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />)}
        <Row gutter={[12, 12]}>
          <Col xs={12} md={4}><Statistic title={t('batch.enterprises')} value={report.enterprises} data-testid="batch-enterprises" /></Col>
          <Col xs={12} md={4}><Statistic title={t('batch.entitled')} value={report.entitled} data-testid="batch-entitled" /></Col>
          <Col xs={24} md={7}><Statistic title={t('batch.total')} value={formatMoneyRange(report.total)} data-testid="batch-total" /></Col>
          <Col xs={24} md={9}>
            <Table size="small" pagination={false} rowKey="key" dataSource={payers} data-testid="batch-payers"
              columns={[
                { title: t('batch.byPayer'), dataIndex: 'label' },
                { title: t('pol.amount'), key: 'amount', align: 'right', render: (_, p) => <span className="zgsz-amount">{formatMoneyRange(p.amount)}</span> },
              ]} />
          </Col>
        </Row>
        {quotas.length ? (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('batch.quotaTitle')} data-testid="batch-quotas"
            description={<ul style={{ margin: 0, paddingLeft: 18 }}>{quotas.map((m) => (
              <li key={m.id}>{t('batch.quotaNote', {
                title: m.title, clause: m.clause, eligible: m.eligible, quota: m.quota!.value,
                state: m.quota!.exceeded ? t('batch.quotaExceeded') : t('batch.quotaWithin'),
                range: formatMoneyRange({ min: m.quota!.minWithinQuota, max: m.quota!.maxWithinQuota }),
              })}</li>
            ))}</ul>} />
        ) : null}
        {chart ? (
          <div style={{ marginTop: 12 }}>
            <Typography.Text strong>{t('batch.chart')}</Typography.Text>
            <EChart option={chart} height={Math.max(160, chartList.length * (whatIf ? 56 : 40) + 60)} testId="chart-batch" />
          </div>
        ) : null}
      </Card>

      {whatIf ? <WhatIfView whatIf={whatIf} /> : null}

      <Row gutter={12}>
        <Col xs={24} xl={14}>
          <Card size="small" style={{ marginTop: 12 }} title={t('batch.byMeasure')}
            extra={<Space><span>{t('batch.onlyMatched')}</span><Switch size="small" checked={onlyMatched} onChange={setOnlyMatched} /></Space>}>
            <Table<BatchMeasure> rowKey="id" size="small" dataSource={measures} columns={measureColumns} data-testid="batch-measures"
              pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" style={{ marginTop: 12 }} title={t('batch.byRegion')}>
            <Table<BatchRegion> rowKey="region" size="small" dataSource={report.byRegion} columns={regionColumns} data-testid="batch-regions"
              pagination={{ pageSize: 20, hideOnSinglePage: true }} />
          </Card>
        </Col>
      </Row>

      {report.matches ? (
        <Card size="small" style={{ marginTop: 12 }} title={t('batch.matches', { n: MATCHES_LIMIT })}>
          <Table<BatchMatch> rowKey="id" size="small" dataSource={report.matches} columns={matchColumns} data-testid="batch-matches"
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }} />
        </Card>
      ) : null}
    </div>
  );
}

type WhatIfRow = WhatIfReport['measures'][number];

function WhatIfView({ whatIf }: { whatIf: WhatIfReport }) {
  const { t } = useI18n();
  const rows = whatIf.measures.filter((m) => m.eligible.base || m.eligible.scenario || m.min.delta || m.max.delta || m.max.base);
  const changed = whatIf.measures.some((m) => m.eligible.delta || m.min.delta || m.max.delta) || whatIf.total.min.delta !== 0 || whatIf.total.max.delta !== 0;
  const deltaTag = (n: number | null, text: string) => <span className={n ? 'zgsz-amount' : undefined} style={n ? { color: n > 0 ? '#c0504d' : '#2f9e6e' } : undefined}>{text}</span>;
  const columns: ColumnsType<WhatIfRow> = [
    {
      title: t('pol.measure'), dataIndex: 'title',
      render: (title: string, m) => <Space orientation="vertical" size={0}><strong>{title}</strong><Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.clause}</Typography.Text></Space>,
    },
    {
      title: t('batch.eligible'), key: 'eligible', width: 150, align: 'right',
      render: (_, m) => <span>{formatCount(m.eligible.base)} → {formatCount(m.eligible.scenario)} {m.eligible.delta ? deltaTag(m.eligible.delta, `(${signedCount(m.eligible.delta)})`) : null}</span>,
    },
    { title: t('batch.base'), key: 'base', width: 200, align: 'right', render: (_, m) => formatMoneyRange({ min: m.min.base, max: m.max.base }) },
    { title: t('batch.scenario'), key: 'scenario', width: 200, align: 'right', render: (_, m) => formatMoneyRange({ min: m.min.scenario, max: m.max.scenario }) },
    {
      title: t('batch.delta'), key: 'delta', width: 220, align: 'right',
      render: (_, m) => <Space orientation="vertical" size={0}>
        {m.min.delta ? deltaTag(m.min.delta, `${t('batch.min')} ${signedMoney(m.min.delta)}`) : null}
        {deltaTag(m.max.delta, m.max.delta === null ? '—' : `${t('batch.max')} ${signedMoney(m.max.delta)}`)}
      </Space>,
    },
  ];
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('batch.whatIf')} data-testid="batch-whatif">
      <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('batch.overridesUsed')}>
          <Space size={[4, 4]} wrap>
            {whatIf.scenario.overrides.map((p) => <Tag key={p.name} color="blue" title={p.name}>{p.label} = {p.value}{p.original ? `(${t('pol.original', { value: p.original })})` : ''}</Tag>)}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {changed ? null : <Alert type="info" showIcon title={t('batch.noChange')} style={{ marginBottom: 8 }} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 8 }}>
        <Col xs={12} md={6}><Statistic title={`${t('batch.total')} · ${t('batch.base')}`} value={formatMoneyRange({ min: whatIf.total.min.base, max: whatIf.total.max.base })} /></Col>
        <Col xs={12} md={6}><Statistic title={`${t('batch.total')} · ${t('batch.scenario')}`} value={formatMoneyRange({ min: whatIf.total.min.scenario, max: whatIf.total.max.scenario })} data-testid="batch-whatif-scenario" /></Col>
        <Col xs={12} md={6}><Statistic title={t('batch.deltaTotal')} value={signedMoney(whatIf.total.max.delta)} data-testid="batch-whatif-delta" /></Col>
        <Col xs={12} md={6}><Statistic title={t('batch.deltaTotalMin')} value={signedMoney(whatIf.total.min.delta)} data-testid="batch-whatif-delta-min" /></Col>
      </Row>
      <Table<WhatIfRow> rowKey="id" size="small" dataSource={rows} columns={columns} data-testid="batch-whatif-measures" pagination={false} />
    </Card>
  );
}
