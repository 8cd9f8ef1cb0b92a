// 政策兑现 calculator: choose a policy and a date, enter the applicant's facts (the form is built
// from the fact dictionary, GET /policies/facts), and read for every measure whether it is met, the
// amount range, who pays, and the engine's step-by-step explanation citing the clause.
import { CalculatorOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert, Button, Card, Col, Collapse, Descriptions, Empty, Form, Input, InputNumber, Row, Select, Skeleton, Space, Statistic, Switch, Table, Tag, Tooltip, Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { NamePath } from 'antd/es/form/interface';
import { type ReactNode, useMemo, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { Evaluation, FactDef, MeasureResult, PolicySummary, Validity } from '../api/types.ts';
import { CHART_COLORS, type ChartOption, EChart } from '../components/EChart.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { chinaToday, formatCount, formatMoney, formatMoneyRange, formatMoneyRangeYuan } from '../lib/format.ts';
import { type MessageKey, type Translate, useI18n } from '../lib/i18n.tsx';

type MoneyValue = { amount?: string | null; unit: '元' | '万元' };
type FormValues = { facts: Record<string, unknown> };

const GROUPS: { key: MessageKey; test: (name: string) => boolean }[] = [
  { key: 'pol.group.applicant', test: (n) => n === 'applicant_type' || n === 'independent_legal_person' },
  { key: 'pol.group.projects', test: (n) => n === 'projects' },
  { key: 'pol.group.recognitions', test: (n) => ['recognitions', 'iim_certificate', 'cloud_star_level', 'flexible_talents'].includes(n) },
  { key: 'pol.group.platform', test: (n) => n.startsWith('platform_') },
  { key: 'pol.group.diagnosis', test: (n) => n.startsWith('diagnosis_') },
  { key: 'pol.group.products', test: (n) => n === 'products' || n === 'software' },
  { key: 'pol.group.identifier', test: (n) => n.startsWith('secondary_node_') || n.startsWith('identifier_') },
  { key: 'pol.group.security', test: (n) => n.startsWith('security_') },
  { key: 'pol.group.park', test: (n) => n.startsWith('park_') },
];

const INITIAL: FormValues = { facts: { applicant_type: 'enterprise', independent_legal_person: true, projects: [{ annual_investment: { unit: '万元' } }] } };

/** The date to evaluate on by default: today while the policy is in force, else the nearest day it was. */
function defaultDate(v: Validity): string {
  const today = chinaToday();
  if (today < v.from) return v.from;
  if (today > v.to) return v.to;
  return today;
}

/** API field `facts.projects[0].annual_investment` → form name ['facts', 'projects', 0, 'annual_investment']. */
function namePathOf(field: string | undefined): NamePath | null {
  if (!field?.startsWith('facts.')) return null;
  return field.replace(/\[(\d+)\]/g, '.$1').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function toFacts(defs: FactDef[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    const v = values?.[def.name];
    if (v === undefined || v === null || v === '') continue;
    if (def.type === 'money') {
      const m = v as MoneyValue;
      if (m.amount !== undefined && m.amount !== null && m.amount !== '') out[def.name] = `${m.amount}${m.unit}`;
    } else if (def.type === 'collection') {
      out[def.name] = (v as Record<string, unknown>[]).map((item) => toFacts(def.fields ?? [], item));
    } else if (def.type === 'codes') {
      if ((v as unknown[]).length) out[def.name] = v;
    } else {
      out[def.name] = v;
    }
  }
  return out;
}

function MoneyInput({ value, onChange, id }: { value?: MoneyValue; onChange?: (v: MoneyValue) => void; id?: string }) {
  const unit = value?.unit ?? '万元';
  return (
    <Space.Compact style={{ width: '100%' }}>
      <InputNumber<string> id={id} stringMode min="0" style={{ width: '100%' }} value={value?.amount ?? null}
        onChange={(a) => onChange?.({ amount: a, unit })} />
      <Select value={unit} style={{ width: 84 }} onChange={(u: '元' | '万元') => onChange?.({ amount: value?.amount ?? null, unit: u })}
        options={[{ value: '万元', label: '万元' }, { value: '元', label: '元' }]} />
    </Space.Compact>
  );
}

/** The control for one fact (a plain function: Form.Item passes value/onChange to the element it returns). */
function factControl(def: FactDef, t: Translate): ReactNode {
  const unit = def.unit && def.type !== 'money' ? def.unit : undefined;
  switch (def.type) {
    case 'enum': return <Select allowClear options={Object.entries(def.values ?? {}).map(([value, label]) => ({ value, label }))} />;
    case 'codes': return <Select mode="multiple" allowClear options={Object.entries(def.values ?? {}).map(([value, label]) => ({ value, label }))} />;
    case 'boolean': return <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />;
    case 'money': return <MoneyInput />;
    case 'level': return <InputNumber min={def.min} max={def.max} precision={0} suffix={unit} style={{ width: '100%' }} />;
    default: return <InputNumber min={0} precision={0} suffix={unit} style={{ width: '100%' }} />;
  }
}

function FactField({ def, name }: { def: FactDef; name: (string | number)[] }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={def.label} tooltip={def.description} valuePropName={def.type === 'boolean' ? 'checked' : 'value'}>
      {factControl(def, t)}
    </Form.Item>
  );
}

function CollectionField({ def }: { def: FactDef }) {
  const { t } = useI18n();
  const item = def.itemLabel ?? '项';
  return (
    <Form.List name={['facts', def.name]}>
      {(fields, { add, remove }) => (
        <div className="zgsz-collection">
          {fields.map((f, i) => (
            <Card key={f.key} size="small" type="inner" style={{ marginBottom: 8 }}
              title={`${def.label}:${item} ${i + 1}`}
              extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('ent.removeCert')} />}>
              <Row gutter={12}>
                {(def.fields ?? []).map((sub) => (
                  <Col xs={24} md={12} key={sub.name}><FactField def={sub} name={[f.name, sub.name]} /></Col>
                ))}
              </Row>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add(Object.fromEntries((def.fields ?? []).filter((s) => s.type === 'money').map((s) => [s.name, { unit: '万元' }])))}>
            {t('pol.addItem', { item })}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

export default function PolicyPage() {
  const { t } = useI18n();
  const policies = useQuery({ queryKey: ['policies'], queryFn: () => api.get<PolicySummary[]>('/policies'), staleTime: 300_000 });
  const facts = useQuery({ queryKey: ['policies', 'facts'], queryFn: () => api.get<{ facts: FactDef[] }>('/policies/facts'), staleTime: Infinity });
  if (policies.isError || facts.isError) return <ErrorAlert error={policies.error ?? facts.error} onRetry={() => { void policies.refetch(); void facts.refetch(); }} />;
  if (!policies.data || !facts.data) return <Card><Skeleton active paragraph={{ rows: 12 }} /></Card>;
  if (!policies.data.length) return <Card><Empty description={t('common.empty')} /></Card>;
  return <Calculator policies={policies.data} facts={facts.data.facts} />;
}

function Calculator({ policies, facts }: { policies: PolicySummary[]; facts: FactDef[] }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  // In force first, then the newest text.
  const ordered = useMemo(() => [...policies].sort((a, b) => Number(b.validity.status === 'in_force') - Number(a.validity.status === 'in_force')
    || b.issueDate.localeCompare(a.issueDate)), [policies]);
  const [policyId, setPolicyId] = useState(ordered[0]!.id);
  const policy = policies.find((p) => p.id === policyId) ?? policies[0]!;
  const [dates, setDates] = useState<Record<string, string>>({});
  const date = dates[policy.id] ?? defaultDate(policy.validity);

  const evaluate = useMutation({
    mutationFn: (values: FormValues) => api.post<Evaluation>(`/policies/${encodeURIComponent(policy.id)}/evaluate`, { date, facts: toFacts(facts, values.facts) }),
    onError: (e) => {
      const name = e instanceof ApiError ? namePathOf(e.field) : null;
      if (name && e instanceof ApiError) {
        form.setFields([{ name, errors: [e.message.replace(/^facts\.\S+?:\s*/, '')] }]);
        form.scrollToField(name);
      }
    },
  });

  const groups = useMemo(() => {
    const used = new Set<string>();
    const list = GROUPS.map((g) => {
      const defs = facts.filter((f) => !used.has(f.name) && g.test(f.name));
      defs.forEach((f) => used.add(f.name));
      return { key: g.key, defs };
    }).filter((g) => g.defs.length);
    const rest = facts.filter((f) => !used.has(f.name));
    if (rest.length) list.push({ key: 'pol.group.other', defs: rest });
    return list;
  }, [facts]);

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
            <Select style={{ width: '100%' }} value={policy.id} onChange={(id: string) => { setPolicyId(id); evaluate.reset(); }} data-testid="policy-select"
              options={ordered.map((p) => ({ value: p.id, label: `${p.city} · ${p.shortTitle}${p.number ? `(${p.number})` : ''}` }))} />
          </Col>
          <Col xs={12} lg={4}>
            <div className="zgsz-label">{t('pol.date')}</div>
            <Input type="date" value={date} onChange={(e) => setDates((d) => ({ ...d, [policy.id]: e.target.value }))} data-testid="policy-date" />
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
          <Alert type="info" showIcon style={{ marginTop: 8 }} title={`${policy.validity.message}。${t('pol.dateNote', { date: defaultDate(policy.validity) })}`} />
        ) : null}
      </Card>

      <Form<FormValues> form={form} layout="vertical" initialValues={INITIAL} onFinish={(v) => evaluate.mutate(v)} style={{ marginTop: 12 }}>
        <Card size="small" title={t('pol.facts')} extra={<Typography.Text type="secondary">{t('pol.factsHint')}</Typography.Text>}>
          <Collapse
            size="small" defaultActiveKey={['pol.group.applicant', 'pol.group.projects', 'pol.group.recognitions']}
            items={groups.map((g) => ({
              key: g.key, label: t(g.key), forceRender: true,
              children: (
                <Row gutter={16}>
                  {g.defs.map((def) => (def.type === 'collection'
                    ? <Col xs={24} key={def.name}><CollectionField def={def} /></Col>
                    : <Col xs={24} md={12} xl={8} key={def.name}><FactField def={def} name={['facts', def.name]} /></Col>))}
                </Row>
              ),
            }))}
          />
          <div style={{ marginTop: 12, textAlign: 'right' }}>
            <Space>
              <Button onClick={() => { form.resetFields(); evaluate.reset(); }}>{t('common.reset')}</Button>
              <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={evaluate.isPending} data-testid="policy-evaluate">{t('pol.evaluate')}</Button>
            </Space>
          </div>
        </Card>
      </Form>

      {evaluate.isError ? <div style={{ marginTop: 12 }}><ErrorAlert error={evaluate.error} title={t('pol.failed')} /></div> : null}
      {evaluate.data ? <EvaluationView result={evaluate.data} /> : null}
    </div>
  );
}

function EvaluationView({ result }: { result: Evaluation }) {
  const { t } = useI18n();
  const [onlyEligible, setOnlyEligible] = useState(false);
  const rows = onlyEligible ? result.measures.filter((m) => m.eligible) : result.measures;
  const eligible = result.measures.filter((m) => m.eligible && (m.amount.max ?? m.amount.min) > 0);
  const chart = useMemo<ChartOption | null>(() => {
    if (!eligible.length) return null;
    const list = [...eligible].reverse();
    return {
      color: [CHART_COLORS[0], CHART_COLORS[2]],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps: { dataIndex: number }[]) => `${list[ps[0]!.dataIndex]!.title}<br/>${formatMoneyRange(list[ps[0]!.dataIndex]!.amount)}` },
      grid: { left: 8, right: 90, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${formatCount(v)}万` } },
      yAxis: { type: 'category', data: list.map((m) => `${m.title}(${m.clause})`), axisLabel: { width: 260, overflow: 'truncate' } },
      series: [{
        type: 'bar', barMaxWidth: 18,
        // 万元 for the axis only; the labels print the exact amounts from fen.
        data: list.map((m) => (m.amount.max ?? m.amount.min) / 1_000_000),
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => formatMoney(list[p.dataIndex]!.amount.max ?? list[p.dataIndex]!.amount.min) },
      }],
    };
  }, [eligible]);

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
      title: t('pol.amount'), key: 'amount', width: 200, align: 'right',
      render: (_, m) => (m.eligible ? <Tooltip title={formatMoneyRangeYuan(m.amount)}><span className="zgsz-amount">{formatMoneyRange(m.amount)}</span></Tooltip> : '—'),
    },
    { title: t('pol.payer'), dataIndex: 'payerLabel', width: 120 },
    { title: t('pol.frequency'), dataIndex: 'frequency', width: 90 },
    {
      title: t('pol.reason'), key: 'reason',
      render: (_, m) => (m.eligible ? <Typography.Text type="success" style={{ fontSize: 12.5 }}>{m.steps[m.steps.length - 1]?.text}</Typography.Text>
        : <span className="zgsz-explain">{m.failures.map((f) => f.message).join(';') || m.steps[m.steps.length - 1]?.text}</span>),
    },
  ];

  return (
    <div data-testid="policy-result">
      <Card size="small" style={{ marginTop: 12 }} title={`${t('pol.resultTitle')} · ${result.policy.city} ${result.policy.number ?? ''}`}>
        <Alert type={result.validity.status === 'in_force' ? 'success' : 'warning'} showIcon title={result.validity.message} description={`${t('pol.basis')}:${result.validity.clause}`} style={{ marginBottom: 12 }} />
        {result.warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />)}
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}><Statistic title={t('pol.eligibleCount')} value={result.eligibleCount} suffix={`/ ${result.measures.length}`} /></Col>
          <Col xs={12} md={6}><Statistic title={t('pol.total')} value={formatMoneyRange(result.total)} data-testid="policy-total" /></Col>
          <Col xs={12} md={4}><Statistic title={t('pol.payer.city')} value={formatMoneyRange(result.byPayer.city)} /></Col>
          <Col xs={12} md={4}><Statistic title={t('pol.payer.county')} value={formatMoneyRange(result.byPayer.county)} /></Col>
          <Col xs={12} md={4}><Statistic title={t('pol.payer.shared')} value={formatMoneyRange(result.byPayer.shared)} /></Col>
        </Row>
        {chart ? <div style={{ marginTop: 12 }}><Typography.Text strong>{t('pol.chart')}</Typography.Text><EChart option={chart} height={Math.max(140, eligible.length * 44 + 30)} testId="chart-policy" /></div> : null}
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t('pol.byMeasure')}
        extra={<Space><span>{t('pol.onlyEligible')}</span><Switch size="small" checked={onlyEligible} onChange={setOnlyEligible} /></Space>}>
        <Table<MeasureResult>
          rowKey="id" size="small" dataSource={rows} columns={columns} data-testid="policy-measures"
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }}
          rowClassName={(m) => (m.eligible ? 'zgsz-row-eligible' : '')}
          expandable={{ expandedRowRender: (m) => <MeasureExplanation m={m} /> }}
        />
      </Card>
    </div>
  );
}

function MeasureExplanation({ m }: { m: MeasureResult }) {
  const { t } = useI18n();
  return (
    <div className="zgsz-explanation">
      <blockquote className="zgsz-quote">{m.quote}<span className="zgsz-quote-clause">——{m.clause}</span></blockquote>
      <Typography.Text strong>{t('pol.steps')}</Typography.Text>
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
