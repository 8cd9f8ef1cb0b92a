// 免申即享 · 档案匹配: choose a policy, a date and filters, run the match over the enterprises on
// file as a job, follow its progress, read the result per measure (with the facts the file lacks),
// per region and per enterprise, the what-if change with overrides, and export it. The run's id is
// kept in the address (?job=…), and "My runs" lists earlier runs, so the page can be left.
import { DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Input, Progress, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import {
  exportFileMatch, type FileMatchJob, fileMatchJob, type FileMatchMeasure, type FileMatchResult, type FileMatchRow, recentFileMatches, startFileMatch,
} from '../../api/file-match.ts';
import type { PolicySummary, Validity } from '../../api/types.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { entitlementText } from '../../lib/entitlement.ts';
import { formatCount, formatDateTime, formatMoney, formatMoneyRange } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-file-match.ts';
import { chainLabel, INDUSTRIAL_CHAINS } from '../../lib/labels.ts';
import { useRegions } from '../../lib/regions.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { parseOverrides } from '../PolicyBatchPage.tsx';
import { orderPolicies, PolicyPicker } from './PolicyPicker.tsx';

const CITY_OF: Record<string, 'yangzhou' | 'suzhou'> = { 扬州市: 'yangzhou', 苏州市: 'suzhou' };
const CERT_KINDS = ['integration', 'cloud', 'recognition'] as const;

/** The business date (a demo's date) while the policy is in force, else the nearest day it was. */
function defaultDate(v: Validity, today: string): string {
  if (today < v.from) return v.from;
  if (today > v.to) return v.to;
  return today;
}

const statusColor = { queued: 'default', running: 'processing', done: 'success', failed: 'error' } as const;

export default function FileMatchPage() {
  const { t } = useI18n();
  const policies = useQuery({ queryKey: ['policies'], queryFn: () => api.get<PolicySummary[]>('/policies'), staleTime: 300_000 });
  if (policies.isError) return <ErrorAlert error={policies.error} onRetry={() => { void policies.refetch(); }} />;
  if (!policies.data) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (!policies.data.length) return <Card><Empty description={t('common.empty')} /></Card>;
  return <FileMatch policies={policies.data} />;
}

function FileMatch({ policies }: { policies: PolicySummary[] }) {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const { regions, name: regionName } = useRegions();
  const [search, setSearch] = useSearchParams();
  const jobId = search.get('job');
  const queryClient = useQueryClient();
  const ordered = useMemo(() => {
    const list = orderPolicies(policies);
    // A region officer's own city's text first (a Suzhou officer opens on the Suzhou policy).
    const own = user.regionId ? regions.find((r) => r.id === user.regionId)?.city : undefined;
    return own ? [...list].sort((a, b) => Number(CITY_OF[b.city] === own) - Number(CITY_OF[a.city] === own)) : list;
  }, [policies, regions, user.regionId]);
  const [policyId, setPolicyId] = useState<string | null>(null);
  const policy = policies.find((p) => p.id === policyId) ?? ordered[0]!;
  const [dates, setDates] = useState<Record<string, string>>({});
  const { date: today } = useBusinessDate();
  const date = dates[policy.id] ?? defaultDate(policy.validity, today);
  const [regionId, setRegionId] = useState<string | undefined>(undefined);
  const [industry, setIndustry] = useState('');
  const [aboveScale, setAboveScale] = useState<'any' | 'yes' | 'no'>('any');
  const [chain, setChain] = useState<string | undefined>(undefined);
  const [certification, setCertification] = useState<string | undefined>(undefined);
  const [overrideText, setOverrideText] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const officerRegion = user.role === 'region_officer' ? user.regionId : null;
  const city = CITY_OF[policy.city];
  const regionChoices = regions.filter((r) => r.city === city && r.level !== 'city');

  const start = useMutation({
    mutationFn: startFileMatch,
    onSuccess: (job) => {
      setSearch({ job: job.id });
      void queryClient.invalidateQueries({ queryKey: ['file-matches'] });
    },
  });

  const run = () => {
    const parsed = parseOverrides(overrideText, t);
    if (parsed.error) { setLocalError(parsed.error); return; }
    setLocalError(null);
    const overrides = Object.fromEntries(parsed.list.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    start.mutate({
      policyId: policy.id, date,
      ...(officerRegion ? { regionId: officerRegion } : regionId ? { regionId } : {}),
      ...(industry.trim() ? { industry: industry.trim().toUpperCase() } : {}),
      ...(aboveScale !== 'any' ? { aboveScale: aboveScale === 'yes' } : {}),
      ...(chain ? { chain } : {}), ...(certification ? { certification } : {}),
      ...(parsed.list.length ? { overrides } : {}),
    });
  };

  return (
    <div className="zgsz-page" data-testid="file-match-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('fm.title')}</Typography.Title>
        <Link to="/policies/batch" data-testid="fm-upload-instead">{t('fm.uploadInstead')}</Link>
      </div>
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('fm.intro')}</Typography.Paragraph>
        <Row gutter={[16, 12]} align="bottom">
          <Col xs={24} lg={10}>
            <div className="zgsz-label">{t('pol.policy')}</div>
            <PolicyPicker policies={ordered} value={policy.id} onChange={(id) => { setPolicyId(id); setRegionId(undefined); }} testId="fm-policy" />
          </Col>
          <Col xs={12} lg={4}>
            <div className="zgsz-label">{t('fm.date')}</div>
            <DateInput value={date} min={policy.validity.from} max={policy.validity.to} testId="fm-date"
              onChange={(v) => setDates((d) => ({ ...d, [policy.id]: v }))} />
          </Col>
          <Col xs={12} lg={5}>
            <div className="zgsz-label">{t('fm.region')}</div>
            <Select style={{ width: '100%' }} data-testid="fm-region" disabled={!!officerRegion}
              value={officerRegion ?? regionId ?? ''} onChange={(v: string) => setRegionId(v || undefined)}
              options={officerRegion ? [{ value: officerRegion, label: regionName(officerRegion) }]
                : [{ value: '', label: t('fm.allRegions') }, ...regionChoices.map((r) => ({ value: r.id, label: r.name }))]} />
          </Col>
          <Col xs={12} lg={5}>
            <div className="zgsz-label">{t('fm.industry')}</div>
            <Input value={industry} onChange={(e) => setIndustry(e.target.value)} placeholder={t('fm.industryHint')} maxLength={5} data-testid="fm-industry" allowClear />
          </Col>
          <Col xs={12} lg={5}>
            <div className="zgsz-label">{t('fm.aboveScale')}</div>
            <Select style={{ width: '100%' }} value={aboveScale} onChange={setAboveScale} data-testid="fm-above-scale"
              options={(['any', 'yes', 'no'] as const).map((v) => ({ value: v, label: t(`fm.aboveScale.${v}`) }))} />
          </Col>
          <Col xs={12} lg={5}>
            <div className="zgsz-label">{t('fm.chain')}</div>
            <Select style={{ width: '100%' }} value={chain ?? ''} onChange={(v: string) => setChain(v || undefined)} data-testid="fm-chain"
              options={[{ value: '', label: t('fm.any') }, ...INDUSTRIAL_CHAINS.map((c) => ({ value: c, label: chainLabel(c, lang) }))]} />
          </Col>
          <Col xs={12} lg={5}>
            <div className="zgsz-label">{t('fm.certification')}</div>
            <Select style={{ width: '100%' }} value={certification ?? ''} onChange={(v: string) => setCertification(v || undefined)} data-testid="fm-certification"
              options={[{ value: '', label: t('fm.any') }, ...CERT_KINDS.map((c) => ({ value: c, label: t(`fm.cert.${c}`) }))]} />
          </Col>
          <Col xs={24} lg={9}>
            <div className="zgsz-label">{t('fm.overrides')}</div>
            <Input.TextArea rows={2} value={overrideText} onChange={(e) => setOverrideText(e.target.value)} placeholder={t('batch.overridesHint')}
              data-testid="fm-overrides" style={{ fontFamily: 'monospace' }} />
          </Col>
        </Row>
        <div style={{ marginTop: 12, textAlign: 'right' }}>
          <Button type="primary" icon={<PlayCircleOutlined />} loading={start.isPending} onClick={run} data-testid="fm-run">{t('fm.run')}</Button>
        </div>
      </Card>
      {localError ? <Alert type="error" showIcon role="alert" title={localError} style={{ marginTop: 12 }} /> : null}
      {start.isError ? <div style={{ marginTop: 12 }} data-testid="fm-start-error"><ErrorAlert error={start.error} title={t('fm.failed')} /></div> : null}
      {jobId ? <JobView id={jobId} key={jobId} /> : null}
      <RecentRuns current={jobId} onOpen={(id) => setSearch({ job: id })} />
    </div>
  );
}

function JobView({ id }: { id: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  // Polled without the result while the run is queued or running; read once with it when done.
  const status = useQuery({
    queryKey: ['file-matches', id, 'status'], queryFn: () => fileMatchJob(id, false),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
  const done = status.data?.status === 'done';
  const full = useQuery({ queryKey: ['file-matches', id, 'result'], queryFn: () => fileMatchJob(id, true), enabled: done, staleTime: Infinity });
  const exporting = useMutation({ mutationFn: () => exportFileMatch(id) });
  // Once the run ends, "My runs" shows its summary.
  useEffect(() => {
    if (done) void queryClient.invalidateQueries({ queryKey: ['file-matches', 'recent'] });
  }, [done, queryClient]);
  if (status.isError) return <div style={{ marginTop: 12 }}><ErrorAlert error={status.error} onRetry={() => { void status.refetch(); }} /></div>;
  const job = status.data;
  if (!job) return <Card size="small" style={{ marginTop: 12 }}><Skeleton active /></Card>;
  const pct = job.progress.total ? Math.floor((job.progress.done * 100) / job.progress.total) : (done ? 100 : 0);
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="fm-job"
      title={<Space wrap><span>{job.policyTitle}</span><span>· {job.params.date}</span><Tag color={statusColor[job.status]} data-testid="fm-job-status">{t(`fm.status.${job.status}`)}</Tag></Space>}
      extra={done ? <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="fm-export">{t('fm.export')}</Button> : null}>
      {job.status === 'queued' || job.status === 'running' ? (
        <div data-testid="fm-progress">
          <Progress percent={pct} status="active" />
          <Typography.Text type="secondary">{t('fm.progress', { done: formatCount(job.progress.done), total: formatCount(job.progress.total) })} {t('fm.leaveHint')}</Typography.Text>
        </div>
      ) : null}
      {job.status === 'failed' && job.error ? <Alert type="error" showIcon title={t('fm.failed')} description={job.error.message} data-testid="fm-job-error" /> : null}
      {exporting.isError ? <ErrorAlert error={exporting.error} /> : null}
      {done && full.data?.result ? <ResultView result={full.data.result} /> : done ? <Skeleton active /> : null}
    </Card>
  );
}

function ResultView({ result: r }: { result: FileMatchResult }) {
  const { t, lang } = useI18n();
  const whatIf = r.overrides.length > 0;
  const titles = useMemo(() => new Map(r.measures.map((m) => [m.id, m.title])), [r]);
  const columns: ColumnsType<FileMatchMeasure> = [
    {
      title: t('fm.measure'), dataIndex: 'title',
      render: (title: string, m) => <Space orientation="vertical" size={0}><strong>{title}</strong><Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.clause} · {m.payerLabel}</Typography.Text></Space>,
    },
    { title: t('fm.eligible'), dataIndex: 'eligible', width: 80, align: 'right', render: (n: number) => formatCount(n) },
    { title: t('fm.notEligible'), dataIndex: 'notEligible', width: 90, align: 'right', render: (n: number) => formatCount(n) },
    {
      title: t('fm.missingFacts'), key: 'missing', width: 300,
      render: (_, m) => (m.missingFacts.length ? (
        <Space size={[4, 4]} wrap>{m.missingFacts.map((f) => <Tag key={f.fact} color="orange">{t('fm.needs', { label: f.label, n: formatCount(f.enterprises) })}</Tag>)}</Space>
      ) : '—'),
    },
    { title: t('fm.amount'), key: 'amount', width: 170, align: 'right', render: (_, m) => <span className="zgsz-amount">{m.eligible ? formatMoneyRange(m) : '—'}</span> },
    ...(whatIf ? [{
      title: t('fm.scenario'), key: 'scenario', width: 200, align: 'right' as const,
      render: (_: unknown, m: FileMatchMeasure) => {
        if (!m.scenario) return '—';
        const delta = m.max === null || m.scenario.max === null ? null : m.scenario.max - m.max;
        return <Space orientation="vertical" size={0}>
          <span>{formatCount(m.scenario.eligible)} · {m.scenario.eligible ? formatMoneyRange(m.scenario) : '—'}</span>
          {delta ? <span className="zgsz-amount" style={{ color: delta > 0 ? '#c0504d' : '#2f9e6e' }}>{delta > 0 ? '+' : '−'}{formatMoney(Math.abs(delta))}</span> : null}
        </Space>;
      },
    }] : []),
  ];
  const matchColumns: ColumnsType<FileMatchRow> = [
    { title: t('fm.enterprise'), dataIndex: 'name', render: (n: string, x) => <Link to={`/enterprises/${x.enterpriseId}`}>{n}</Link> },
    { title: t('fm.region'), dataIndex: 'region', width: 100, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
    { title: t('fm.measure'), key: 'measure', render: (_, x) => <span>{titles.get(x.measureId)} <Typography.Text type="secondary">{x.clause}</Typography.Text></span> },
    // One enterprise's amount as the text words it (最高可获 325万元), not the engine's 0 ~ 325 range.
    { title: t('fm.amount'), key: 'amount', width: 170, align: 'right', render: (_, x) => <span className="zgsz-amount">{entitlementText(x, lang)}</span> },
  ];
  const delta = whatIf && r.scenarioTotal && r.total.max !== null && r.scenarioTotal.max !== null ? r.scenarioTotal.max - r.total.max : null;
  return (
    <div data-testid="fm-result">
      <Alert type={r.validity.status === 'in_force' ? 'success' : 'warning'} showIcon title={r.validity.message}
        description={`${t('pol.basis')}:${r.validity.clause} · ${t('fm.year', { year: r.year })}`} style={{ marginBottom: 12 }} />
      {r.warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />)}
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}><Statistic title={t('fm.enterprises')} value={formatCount(r.enterprises)} data-testid="fm-enterprises" /></Col>
        <Col xs={12} md={6}><Statistic title={t('fm.entitled')} value={formatCount(r.entitled)} data-testid="fm-entitled" /></Col>
        <Col xs={24} md={6}><Statistic title={t('fm.total')} value={formatMoneyRange(r.total)} data-testid="fm-total" /></Col>
        {whatIf && r.scenarioTotal ? (
          <Col xs={24} md={6}><Statistic title={`${t('fm.total')} · ${t('fm.scenario')}`} value={formatMoneyRange(r.scenarioTotal)}
            suffix={delta ? <Typography.Text style={{ fontSize: 13 }}>({delta > 0 ? '+' : '−'}{formatMoney(Math.abs(delta))})</Typography.Text> : null} data-testid="fm-scenario-total" /></Col>
        ) : null}
      </Row>
      {whatIf ? (
        <div style={{ marginTop: 8 }} data-testid="fm-overrides-used">
          <Typography.Text type="secondary">{t('fm.whatIf')}:</Typography.Text>{' '}
          {r.overrides.map((p) => <Tag key={p.name} color="blue" title={p.name}>{p.label} = {p.value}{p.original ? `(${t('pol.original', { value: p.original })})` : ''}</Tag>)}
        </div>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('fm.byMeasure')}</Typography.Title>
      <Table<FileMatchMeasure> rowKey="id" size="small" dataSource={r.measures} columns={columns} pagination={false} data-testid="fm-measures" />
      {r.byRegion.length > 1 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('fm.byRegion')}</Typography.Title>
          <Table rowKey="regionId" size="small" dataSource={r.byRegion} pagination={false} data-testid="fm-regions" columns={[
            { title: t('fm.region'), dataIndex: 'region', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
            { title: t('fm.enterprises'), dataIndex: 'enterprises', align: 'right', render: (n: number) => formatCount(n) },
            { title: t('fm.entitled'), dataIndex: 'entitled', align: 'right', render: (n: number) => formatCount(n) },
            { title: t('fm.amount'), key: 'amount', align: 'right', render: (_: unknown, x: { min: number; max: number | null }) => <span className="zgsz-amount">{formatMoneyRange(x)}</span> },
          ]} />
        </>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('fm.matches')}</Typography.Title>
      {r.matchesTruncated ? <Alert type="info" showIcon title={t('fm.matchesTruncated', { n: formatCount(r.matches.length) })} style={{ marginBottom: 8 }} /> : null}
      <Table<FileMatchRow> rowKey={(x) => `${x.enterpriseId}/${x.measureId}`} size="small" dataSource={r.matches} columns={matchColumns} data-testid="fm-matches"
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }} />
    </div>
  );
}

function RecentRuns({ current, onOpen }: { current: string | null; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const { name: regionName } = useRegions();
  const list = useQuery({
    queryKey: ['file-matches', 'recent'], queryFn: recentFileMatches,
    refetchInterval: (q) => (q.state.data?.some((j) => j.status === 'queued' || j.status === 'running') ? 2000 : false),
  });
  const columns: ColumnsType<FileMatchJob> = [
    { title: t('fm.startedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
    { title: t('fm.policy'), dataIndex: 'policyTitle' },
    { title: t('fm.date'), key: 'date', width: 110, render: (_, j) => j.params.date },
    { title: t('fm.filters'), key: 'filters', render: (_, j) => (j.params.regionId ? regionName(j.params.regionId) : t('fm.allRegions')) + (j.params.industry ? ` · ${j.params.industry}` : '') + (j.params.overrides ? ' · what-if' : '') },
    { title: t('fm.statusCol'), key: 'status', width: 100, render: (_, j) => <Tag color={statusColor[j.status]}>{t(`fm.status.${j.status}`)}</Tag> },
    {
      title: t('fm.result'), key: 'summary', width: 260,
      render: (_, j) => (j.summary ? <span>{t('fm.summary', { enterprises: formatCount(j.summary.enterprises), entitled: formatCount(j.summary.entitled) })} · <span className="zgsz-amount">{formatMoneyRange(j.summary.total)}</span></span> : '—'),
    },
    { title: '', key: 'open', width: 80, render: (_, j) => (j.id === current ? null : <Button size="small" onClick={() => onOpen(j.id)} data-testid={`fm-open-${j.id}`}>{t('fm.open')}</Button>) },
  ];
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('fm.recent')} data-testid="fm-recent">
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => { void list.refetch(); }} /> : (
        <Table<FileMatchJob> rowKey="id" size="small" loading={list.isPending} dataSource={list.data ?? []} columns={columns}
          locale={{ emptyText: t('fm.recentEmpty') }} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
      )}
    </Card>
  );
}
