// 政策兑现 calculator: choose a policy and a date, enter the applicant's facts (the form is built
// from the fact dictionary, GET /policies/facts, narrowed to the facts the chosen text reads), and
// read for every measure met the amount as the text words it, who pays, and the engine's
// step-by-step explanation citing the clause. It opens on the policy of the reader's own city.
import { DateInput } from '../components/DateInput.tsx';
import { CalculatorOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert, Card, Col, Descriptions, Empty, Form, Row, Skeleton, Space, Statistic, Switch, Table, Tag, Tooltip, Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import type { Enterprise, Evaluation, FactDef, MeasureResult, PolicyDetail, PolicySummary, Validity } from '../api/types.ts';
import { CHART_COLORS, type ChartOption, EChart } from '../components/EChart.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { entitlementParts, entitlementText, rateBound, wanText } from '../lib/entitlement.ts';
import { fenToDecimal, formatMoneyRangeYuan } from '../lib/format.ts';
import { useBusinessDate } from '../lib/health.ts';
import { FACT_LABELS_EN } from '../lib/i18n-facts.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useRegions } from '../lib/regions.ts';
import { useSignedIn } from '../lib/session.tsx';
import { FactsForm, type FormValues, factsReadBy, showFieldError, toFacts } from './policy/FactsForm.tsx';
import { orderPolicies, PolicyPicker } from './policy/PolicyPicker.tsx';
import { useFilePrefill } from './home/EnterpriseHomePrefill.tsx';

/**
 * The date to evaluate on by default: the business date (the server's today, the demo date on a
 * demo system) while the policy is in force, else the nearest day it was.
 */
function defaultDate(v: Validity, today: string): string {
  if (today < v.from) return v.from;
  if (today > v.to) return v.to;
  return today;
}

/**
 * The reader's own city (苏州市, 扬州市), from the region of an officer or of an enterprise's file;
 * undefined while it loads, null for city-wide roles or when it cannot be told.
 */
function useHomeCity(): string | null | undefined {
  const { user } = useSignedIn();
  const { regions, byId, isLoading } = useRegions();
  const enterprise = useQuery({
    queryKey: ['enterprise', user.enterpriseId], enabled: !user.regionId && !!user.enterpriseId,
    queryFn: () => api.get<Enterprise>(`/enterprises/${encodeURIComponent(user.enterpriseId!)}`), staleTime: 300_000,
  });
  if (!user.regionId && !user.enterpriseId) return null;
  if (isLoading || (!user.regionId && enterprise.isPending)) return undefined;
  const region = byId.get(user.regionId ?? enterprise.data?.regionId ?? '');
  if (!region) return null;
  return regions.find((r) => r.city === region.city && r.level === 'city')?.name ?? null;
}

export default function PolicyPage() {
  const { t } = useI18n();
  const policies = useQuery({ queryKey: ['policies'], queryFn: () => api.get<PolicySummary[]>('/policies'), staleTime: 300_000 });
  const facts = useQuery({ queryKey: ['policies', 'facts'], queryFn: () => api.get<{ facts: FactDef[] }>('/policies/facts'), staleTime: Infinity });
  const homeCity = useHomeCity();
  if (policies.isError || facts.isError) return <ErrorAlert error={policies.error ?? facts.error} onRetry={() => { void policies.refetch(); void facts.refetch(); }} />;
  if (!policies.data || !facts.data || homeCity === undefined) return <Card><Skeleton active paragraph={{ rows: 12 }} /></Card>;
  if (!policies.data.length) return <Card><Empty description={t('common.empty')} /></Card>;
  return <Calculator policies={policies.data} facts={facts.data.facts} homeCity={homeCity} />;
}

function Calculator({ policies, facts, homeCity }: { policies: PolicySummary[]; facts: FactDef[]; homeCity: string | null }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FormValues>();
  // In force first, then the newest text; a Suzhou officer or enterprise starts on a Suzhou text.
  const ordered = useMemo(() => orderPolicies(policies), [policies]);
  const [policyId, setPolicyId] = useState(() => (ordered.find((p) => p.city === homeCity) ?? ordered[0]!).id);
  const policy = policies.find((p) => p.id === policyId) ?? policies[0]!;
  const { date: today } = useBusinessDate();
  const [dates, setDates] = useState<Record<string, string>>({});
  const date = dates[policy.id] ?? defaultDate(policy.validity, today);
  // Only the questions this text asks: a Yangzhou applicant is not asked about Suzhou's loan platform.
  const asked = useMemo(() => factsReadBy(facts, policy.facts), [facts, policy.facts]);
  // /policies?from=file: the enterprise file's facts filled in (the enterprise's home opens it so).
  const prefilled = useFilePrefill(form, asked, setPolicyId);

  const evaluate = useMutation({
    mutationFn: (values: FormValues) => api.post<Evaluation>(`/policies/${encodeURIComponent(policy.id)}/evaluate`, { date, facts: toFacts(asked, values.facts) }),
    onError: (e) => { showFieldError(form, e); },
  });

  const statusTag = (v: Validity) => (
    <Tag color={v.status === 'in_force' ? 'green' : v.status === 'expired' ? 'default' : 'orange'}>{t(`pol.validity.${v.status}`)}</Tag>
  );

  return (
    <div className="zgsz-page" data-testid="policy-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('pol.title')}</Typography.Title>
      </div>
      <Card size="small">
        <Row gutter={16} align="bottom">
          <Col xs={24} lg={12}>
            <div className="zgsz-label">{t('pol.policy')}</div>
            <PolicyPicker policies={ordered} value={policy.id} onChange={(id) => { setPolicyId(id); evaluate.reset(); }} testId="policy-select" />
          </Col>
          <Col xs={12} lg={4}>
            <div className="zgsz-label">{t('pol.date')}</div>
            <DateInput value={date} onChange={(v) => setDates((d) => ({ ...d, [policy.id]: v }))} testId="policy-date" />
          </Col>
          <Col xs={12} lg={8}>
            <Space wrap>
              {statusTag(policy.validity)}
              <Typography.Text type="secondary">{t('pol.window', { from: policy.validity.from, to: policy.validity.to })}</Typography.Text>
            </Space>
          </Col>
        </Row>
        <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('pol.document')}>{policy.title}{policy.part ? ` · ${policy.part}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('pol.scope')}>{policy.applicants.quote}({policy.applicants.clause})</Descriptions.Item>
          <Descriptions.Item label={t('pol.measures')}>{t('pol.measureCount', { n: policy.measures, m: policy.withAmount })}</Descriptions.Item>
        </Descriptions>
        {policy.validity.status !== 'in_force' ? (
          <Alert type="info" showIcon style={{ marginTop: 8 }} title={`${lang === 'zh' ? `${policy.validity.message}。` : `${t(`lang.pol.validity.${policy.validity.status}`, { from: policy.validity.from, to: policy.validity.to })} `}${t('pol.dateNote', { date: defaultDate(policy.validity, today) })}`} />
        ) : null}
      </Card>

      {prefilled}
      <FactsForm form={form} facts={asked} onFinish={(v) => evaluate.mutate(v)} onReset={() => evaluate.reset()} loading={evaluate.isPending}
        submit={{ label: t('pol.evaluate'), icon: <CalculatorOutlined />, testId: 'policy-evaluate' }} />

      {evaluate.isError ? <div style={{ marginTop: 12 }}><ErrorAlert error={evaluate.error} title={t('pol.failed')} /></div> : null}
      {evaluate.data ? <EvaluationView result={evaluate.data} policyId={policy.id} /> : null}
    </div>
  );
}

const FREQUENCY_EN: Record<string, string> = { 一次性: 'One-time', 按年: 'Yearly' };

/** The facts a failed measure did not meet, by their English names (the engine names them by key). */
function unmetFacts(m: MeasureResult): string {
  const names = new Set(m.failures.flatMap((f) => f.fact.split('|')).map((f) => (f === 'date' ? 'date in force' : FACT_LABELS_EN[f] ?? f.replace(/_/g, ' '))));
  return [...names].join('; ') || '—';
}

function EvaluationView({ result, policyId }: { result: Evaluation; policyId: string }) {
  const { t, lang } = useI18n();
  // The parameters' own words (按照不高于投资额的13%给予补助) explain a rate-bound maximum.
  const detail = useQuery({ queryKey: ['policy', policyId], queryFn: () => api.get<PolicyDetail>(`/policies/${encodeURIComponent(policyId)}`), staleTime: 300_000 });
  const amountOf = (m: MeasureResult) => {
    const bound = rateBound(m, detail.data?.measureList.find((d) => d.id === m.id));
    return entitlementParts(m.amount, lang, bound ? t('pol.rateBound', { words: bound.words, rate: bound.rate }) : null);
  };
  const [showFailed, setShowFailed] = useState(false);
  const failedCount = result.measures.filter((m) => !m.eligible).length;
  const rows = showFailed ? result.measures : result.measures.filter((m) => m.eligible);

  // A new result scrolls into view and is outlined for a moment: below a long form, nothing on
  // screen would change otherwise.
  const top = useRef<HTMLDivElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    summary.current?.animate?.(
      [{ boxShadow: '0 0 0 3px rgba(31,78,140,0.85)' }, { boxShadow: '0 0 0 3px rgba(31,78,140,0.85)', offset: 0.4 }, { boxShadow: '0 0 0 0 rgba(31,78,140,0)' }],
      { duration: 1800, easing: 'ease-out' },
    );
  }, [result]);

  const eligible = result.measures.filter((m) => m.eligible && (m.amount.max ?? m.amount.min) > 0);
  const chart = useMemo<ChartOption | null>(() => {
    if (!eligible.length) return null;
    const list = [...eligible].reverse();
    return {
      color: [CHART_COLORS[0], CHART_COLORS[2]],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps: { dataIndex: number }[]) => `${list[ps[0]!.dataIndex]!.title}<br/>${entitlementText(list[ps[0]!.dataIndex]!.amount, lang)}` },
      grid: { left: 8, right: 90, top: 24, bottom: 8, containLabel: true },
      // One unit on the axis and the labels: 万元.
      xAxis: { type: 'value', name: lang === 'zh' ? '万元' : '×10k yuan', nameGap: 6 },
      yAxis: { type: 'category', data: list.map((m) => `${m.title}(${m.clause})`), axisLabel: { width: 260, overflow: 'truncate' } },
      series: [{
        type: 'bar', barMaxWidth: 18,
        data: list.map((m) => Number(fenToDecimal(m.amount.max ?? m.amount.min, '万元'))),
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => wanText(list[p.dataIndex]!.amount.max ?? list[p.dataIndex]!.amount.min) },
      }],
    };
  }, [eligible, lang]);

  const columns: ColumnsType<MeasureResult> = [
    {
      title: t('pol.measure'), dataIndex: 'title',
      render: (title: string, m) => <Space orientation="vertical" size={0}><strong>{title}</strong><Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.clause}</Typography.Text></Space>,
    },
    {
      title: t('pol.result'), dataIndex: 'status', width: 110,
      render: (s: MeasureResult['status']) => <Tag color={s === 'eligible' ? 'green' : s === 'not_in_force' ? 'default' : 'red'}>{t(`pol.status.${s}`)}</Tag>,
    },
    {
      title: t('pol.amount'), key: 'amount', width: 230,
      render: (_, m) => {
        if (!m.eligible) return '—';
        const { amount, note } = amountOf(m);
        return (
          <span data-testid={`amount-${m.id}`}>
            <Tooltip title={formatMoneyRangeYuan(m.amount)}><span className="zgsz-amount">{amount}</span></Tooltip>
            {note ? <Typography.Text type="secondary" style={{ fontSize: 12.5 }}>{note}</Typography.Text> : null}
          </span>
        );
      },
    },
    { title: t('pol.payer'), dataIndex: 'payerLabel', width: 120, render: (label: string, m) => (lang === 'zh' ? label : t(`pol.payer.${m.payer}`)) },
    { title: t('pol.frequency'), dataIndex: 'frequency', width: 90, render: (f: string) => (lang === 'zh' ? f : FREQUENCY_EN[f] ?? f) },
    {
      title: t('pol.reason'), key: 'reason',
      // The engine explains in the policy's Chinese; in English the reason names the unmet facts
      // and the expanded row quotes the wording.
      render: (_, m) => (lang === 'en'
        ? (m.eligible ? <Typography.Text type="success" style={{ fontSize: 12.5 }}>{t('lang.pol.eligibleReason')}</Typography.Text>
          : <span className="zgsz-explain">{m.status === 'not_in_force' ? t('lang.pol.notInForceReason') : t('lang.pol.unmet', { facts: unmetFacts(m) })}</span>)
        : m.eligible ? <Typography.Text type="success" style={{ fontSize: 12.5 }}>{m.steps[m.steps.length - 1]?.text}</Typography.Text>
          : <span className="zgsz-explain">{m.failures.map((f) => f.message).join(';') || m.steps[m.steps.length - 1]?.text}</span>),
    },
  ];

  return (
    <div data-testid="policy-result" ref={top} style={{ scrollMarginTop: 72 }}>
      <Card ref={summary} size="small" style={{ marginTop: 12 }} title={`${t('pol.resultTitle')} · ${result.policy.city} ${result.policy.number ?? ''}`}>
        <Alert type={result.validity.status === 'in_force' ? 'success' : 'warning'} showIcon
          title={lang === 'zh' ? result.validity.message : t(`lang.pol.validity.${result.validity.status}`, { from: result.validity.from, to: result.validity.to })}
          description={`${t('pol.basis')}:${result.validity.clause}`} style={{ marginBottom: 12 }} />
        {result.warnings.map((w) => <Alert key={w} type="warning" showIcon title={lang === 'zh' ? w : t('lang.pol.warning')} description={lang === 'zh' ? undefined : <q lang="zh-CN">{w}</q>} style={{ marginBottom: 8 }} />)}
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}><Statistic title={t('pol.eligibleCount')} value={result.eligibleCount} suffix={`/ ${result.measures.length}`} /></Col>
          <Col xs={12} md={6}><Statistic title={t('pol.total')} value={entitlementText(result.total, lang)} data-testid="policy-total" /></Col>
          <Col xs={12} md={4}><Statistic title={t('pol.payer.city')} value={entitlementText(result.byPayer.city, lang)} /></Col>
          <Col xs={12} md={4}><Statistic title={t('pol.payer.county')} value={entitlementText(result.byPayer.county, lang)} /></Col>
          <Col xs={12} md={4}><Statistic title={t('pol.payer.shared')} value={entitlementText(result.byPayer.shared, lang)} /></Col>
        </Row>
        {chart ? <div style={{ marginTop: 12 }}><Typography.Text strong>{t('pol.chart')}</Typography.Text><EChart option={chart} height={Math.max(140, eligible.length * 44 + 30)} testId="chart-policy" /></div> : null}
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t('pol.byMeasure')}
        extra={failedCount ? (
          <Space data-testid="policy-failed-toggle">
            <span>{t('pol.showFailed', { n: failedCount })}</span>
            <Switch size="small" checked={showFailed} onChange={setShowFailed} data-testid="policy-show-failed" />
          </Space>
        ) : null}>
        <Table<MeasureResult>
          rowKey="id" size="small" dataSource={rows} columns={columns} data-testid="policy-measures"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pol.noneEligible')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }}
          rowClassName={(m) => (m.eligible ? 'zgsz-row-eligible' : '')}
          expandable={{ expandedRowRender: (m) => <MeasureExplanation m={m} /> }}
        />
      </Card>
    </div>
  );
}

function MeasureExplanation({ m }: { m: MeasureResult }) {
  const { t, lang } = useI18n();
  return (
    <div className="zgsz-explanation">
      {lang === 'en' ? <Typography.Text type="secondary">{t('lang.pol.quoteLead')}</Typography.Text> : null}
      <blockquote className="zgsz-quote" lang="zh-CN">{m.quote}<span className="zgsz-quote-clause">——{m.clause}</span></blockquote>
      <Typography.Text strong>{t('pol.steps')}</Typography.Text>
      {lang === 'en' ? <Typography.Text type="secondary"> {t('lang.pol.stepsLead')}</Typography.Text> : null}
      <ol className="zgsz-steps">
        {m.steps.map((s, i) => (
          <li key={i}>
            <span>{s.text}</span> <Tag>{s.clause}</Tag>
            {s.parameters?.map((p) => (
              <Tag key={p.name} color="blue" title={t('pol.paramFrom', { name: p.name, from: p.from })}>{p.label} = {p.value}{p.original ? `(${t('pol.original', { value: p.original })})` : ''}</Tag>
            ))}
          </li>
        ))}
      </ol>
      {m.reading ? <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('pol.reading')}:{m.reading}</Typography.Paragraph> : null}
    </div>
  );
}
