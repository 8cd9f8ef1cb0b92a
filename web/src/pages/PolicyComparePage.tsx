// 两市对比: the same applicant facts under every city's policy, side by side (POST /policies/compare).
// Rows are the measures' topics (Yangzhou's investment subsidy and Suzhou's loan-interest award for
// the same project share the 智能化改造 row); each city's cell lists its measures with the clause,
// whether met, the amount range and the first failing condition. The evaluation date is one day in
// every policy's validity window when the windows overlap; otherwise each city gets its own date.
import { DateInput } from '../components/DateInput.tsx';
import { SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Form, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import type { FactDef, MoneyRange, PolicySummary } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { chinaToday, formatMoneyRange, formatMoneyRangeYuan } from '../lib/format.ts';
import { entitlementText } from '../lib/entitlement.ts';
import { useI18n } from '../lib/i18n.tsx';
import { FactsForm, type FormValues, showFieldError, toFacts } from './policy/FactsForm.tsx';

interface CellMeasure { id: string; title: string; clause: string; eligible: boolean; amount: MoneyRange; amountText: string; reason?: string }
interface Cell { policyId: string; measures: CellMeasure[]; subtotal: MoneyRange }
interface Comparison {
  date: string;
  policies: { id: string; city: string; title: string; validity: string; eligibleCount: number; total: MoneyRange; totalText: string }[];
  rows: { topic: string; cells: Cell[] }[];
}
/** One city's column: its compare result and the date it was evaluated on. */
interface Merged { policies: (Comparison['policies'][number] & { date: string })[]; rows: { topic: string; cells: Record<string, Cell> }[] }

const TOPICS: Record<string, string> = {
  smart_retrofit: '智能化改造', demo_workshop: '示范智能车间', demo_factory: '示范智能工厂', cloud: '企业上云', diagnosis: '诊断服务',
  service_provider: '服务商', industrial_internet_platform: '工业互联网平台', industrial_app: '工业 App', fiveg: '5G', identifier: '标识解析',
  first_set_equipment: '首台(套)', recognition_national: '国家级认定', recognition_provincial: '省级认定', iim_certificate: '两化融合管理体系', park: '园区',
  rnd_institution: '研发机构', first_version_software: '首版次软件', talent: '人才', security: '工业互联网安全',
};

const clamp = (d: string, from: string, to: string) => (d < from ? from : d > to ? to : d);

export default function PolicyComparePage() {
  const { t } = useI18n();
  const policies = useQuery({ queryKey: ['policies'], queryFn: () => api.get<PolicySummary[]>('/policies'), staleTime: 300_000 });
  const facts = useQuery({ queryKey: ['policies', 'facts'], queryFn: () => api.get<{ facts: FactDef[] }>('/policies/facts'), staleTime: Infinity });
  if (policies.isError || facts.isError) return <ErrorAlert error={policies.error ?? facts.error} onRetry={() => { void policies.refetch(); void facts.refetch(); }} />;
  if (!policies.data || !facts.data) return <Card><Skeleton active paragraph={{ rows: 12 }} /></Card>;
  if (policies.data.length < 2) return <Card><Empty description={t('common.empty')} /></Card>;
  return <Compare policies={policies.data} facts={facts.data.facts} />;
}

/** Merge per-date compare answers into one table keyed by topic (first-seen order). */
function merge(parts: { date: string; result: Comparison }[], order: string[]): Merged {
  const topics: string[] = [];
  const rows = new Map<string, Record<string, Cell>>();
  const list: Merged['policies'] = [];
  for (const { date, result } of parts) {
    for (const p of result.policies) list.push({ ...p, date });
    for (const row of result.rows) {
      if (!rows.has(row.topic)) { topics.push(row.topic); rows.set(row.topic, {}); }
      for (const c of row.cells) rows.get(row.topic)![c.policyId] = c;
    }
  }
  list.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return { policies: list, rows: topics.map((topic) => ({ topic, cells: rows.get(topic)! })) };
}

function Compare({ policies, facts }: { policies: PolicySummary[]; facts: FactDef[] }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  // Newest text first (扬州 2022, then 苏州 2020).
  const ordered = useMemo(() => [...policies].sort((a, b) => b.issueDate.localeCompare(a.issueDate)), [policies]);
  const from = ordered.map((p) => p.validity.from).sort().at(-1)!;
  const to = ordered.map((p) => p.validity.to).sort()[0]!;
  const overlap = from <= to ? { from, to } : null;
  const [shared, setShared] = useState(() => (overlap ? clamp(chinaToday(), overlap.from, overlap.to) : ''));
  const [own, setOwn] = useState<Record<string, string>>(() => Object.fromEntries(ordered.map((p) => [p.id, clamp(chinaToday(), p.validity.from, p.validity.to)])));
  const dateOf = (id: string) => (overlap ? shared : own[id]!);

  const compare = useMutation({
    mutationFn: async (values: FormValues): Promise<Merged> => {
      const body = toFacts(facts, values.facts);
      const byDate = new Map<string, string[]>();
      for (const p of ordered) byDate.set(dateOf(p.id), [...(byDate.get(dateOf(p.id)) ?? []), p.id]);
      const parts = await Promise.all([...byDate].map(async ([date, ids]) => ({ date, result: await api.post<Comparison>('/policies/compare', { date, facts: body, policies: ids }) })));
      return merge(parts, ordered.map((p) => p.id));
    },
    onError: (e) => { showFieldError(form, e); },
  });

  return (
    <div className="zgsz-page" data-testid="policy-compare-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('cmp.title')}</Typography.Title>
      </div>
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('cmp.intro')}</Typography.Paragraph>
        <Row gutter={16} align="bottom">
          {overlap ? (
            <Col xs={24} md={8}>
              <div className="zgsz-label">{t('pol.date')}</div>
              <DateInput min={overlap.from} max={overlap.to} value={shared} onChange={(v) => { setShared(v); compare.reset(); }} testId="compare-date" />
            </Col>
          ) : ordered.map((p) => (
            <Col xs={24} md={8} key={p.id}>
              <div className="zgsz-label">{p.city} · {t('pol.date')}</div>
              <DateInput min={p.validity.from} max={p.validity.to} value={own[p.id]} onChange={(v) => { setOwn((d) => ({ ...d, [p.id]: v })); compare.reset(); }} testId={`compare-date-${p.id}`} />
            </Col>
          ))}
          <Col xs={24} md={16}>
            <Space wrap>
              {ordered.map((p) => <Tag key={p.id}>{p.city} · {p.shortTitle}:{t('pol.window', { from: p.validity.from, to: p.validity.to })}</Tag>)}
            </Space>
          </Col>
        </Row>
        <Alert type="info" showIcon style={{ marginTop: 12 }}
          title={overlap ? t('cmp.overlap', { from: overlap.from, to: overlap.to }) : t('cmp.noOverlap')} />
      </Card>

      <FactsForm form={form} facts={facts} onFinish={(v) => compare.mutate(v)} onReset={() => compare.reset()} loading={compare.isPending}
        submit={{ label: t('cmp.submit'), icon: <SwapOutlined />, testId: 'compare-submit' }} />

      {compare.isError ? <div style={{ marginTop: 12 }}><ErrorAlert error={compare.error} title={t('pol.failed')} /></div> : null}
      {compare.data ? <ComparisonView result={compare.data} /> : null}
    </div>
  );
}

function ComparisonView({ result }: { result: Merged }) {
  const { t, lang } = useI18n();
  const columns: ColumnsType<Merged['rows'][number]> = [
    { title: t('cmp.topic'), key: 'topic', width: 140, render: (_, r) => <strong>{TOPICS[r.topic] ?? r.topic}</strong> },
    ...result.policies.map((p) => ({
      title: `${p.city}(${t('pol.measure')} · ${t('pol.result')} · ${t('pol.amount')})`, key: p.id,
      render: (_: unknown, r: Merged['rows'][number]) => {
        const cell = r.cells[p.id];
        if (!cell?.measures.length) return <Typography.Text type="secondary">{t('cmp.none')}</Typography.Text>;
        return (
          <div className="zgsz-compare-cell">
            {cell.measures.map((m) => (
              <div key={m.id} className="zgsz-compare-measure" data-testid={`cmp-${p.id}-${m.id}`}>
                <div className="zgsz-compare-head">
                  <span><strong>{m.title}</strong> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.clause}</Typography.Text></span>
                  <span className="zgsz-compare-figure">
                    <Tag color={m.eligible ? 'green' : 'red'}>{t(m.eligible ? 'pol.status.eligible' : 'pol.status.not_eligible')}</Tag>
                    <span className="zgsz-amount" title={m.eligible ? formatMoneyRangeYuan(m.amount) : undefined} data-testid="cmp-amount">{m.eligible ? entitlementText(m.amount, lang) : '—'}</span>
                  </span>
                </div>
                {m.reason ? <div className="zgsz-explain" style={{ fontSize: 12.5 }}>{m.reason}</div> : null}
              </div>
            ))}
          </div>
        );
      },
    })),
  ];
  return (
    <div data-testid="compare-result">
      <Card size="small" style={{ marginTop: 12 }} title={t('cmp.resultTitle')}>
        <Row gutter={[12, 12]}>
          {result.policies.map((p) => (
            <Col xs={24} md={12} key={p.id}>
              <Card size="small" type="inner" title={`${p.city} · ${p.date}`} data-testid={`cmp-summary-${p.id}`}>
                <Row gutter={12}>
                  <Col span={10}><Statistic title={t('pol.eligibleCount')} value={p.eligibleCount} /></Col>
                  <Col span={14}><Statistic title={t('pol.total')} value={formatMoneyRange(p.total)} data-testid={`cmp-total-${p.id}`} /></Col>
                </Row>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.validity}</Typography.Text>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t('cmp.byTopic')}>
        <Table rowKey="topic" size="small" dataSource={result.rows} columns={columns} pagination={false} data-testid="compare-table" bordered />
      </Card>
    </div>
  );
}
