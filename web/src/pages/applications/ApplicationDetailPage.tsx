// One application: the step timeline of its review chain (done steps with who acted), the figures,
// the facts as filed, the engine's explanation (each step with its clause), the evidence checklist
// with review status and 查重 flags, the 验收 evidence after 批准, 公示 and its objections, the
// fund ledger and the full history (return reasons included). The action panel beside it offers
// exactly what the API says the reader may do now.
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, api, apiUrl } from '../../api/client.ts';
import type { ApplicationDetail, ApplicationForm, HistoryEntry, LedgerEntry } from '../../api/applications.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.ts';
import { entitlementText } from '../../lib/entitlement.ts';
import { factLabel, factValueLabel } from '../../lib/i18n-facts.ts';
import { type Translate, useI18n } from '../../lib/i18n.tsx';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { EvidenceCard } from './EvidenceCard.tsx';
import { AcceptanceTag, applicationKey, factAt, fetchApplication, historyActionLabel, ledgerKindLabel, payerLabel, roleShort, StatusTag, StepTag, stepLabel } from './shared.tsx';

export default function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const saved = (location.state as { saved?: boolean } | null)?.saved === true;
  const query = useQuery({ queryKey: applicationKey(id), queryFn: () => fetchApplication(id) });
  const d = query.data;

  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return <Card><Result status="404" title={t('apl.notFound')} subTitle={query.error.message} extra={<Button onClick={() => navigate('/applications')}>{t('common.back')}</Button>} /></Card>;
    }
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!d) return <Card><Skeleton active paragraph={{ rows: 14 }} /></Card>;
  const a = d.application;

  return (
    <div className="zgsz-page" data-testid="application-detail">
      <div className="zgsz-page-head">
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <Typography.Title level={4}>{a.measureTitle}</Typography.Title>
          <span className="zgsz-mono" data-testid="application-number">{a.number}</span>
          <StatusTag status={a.status} />
          <StepTag step={a.currentStep} status={a.status} />
          {a.status === 'approved' ? <AcceptanceTag acceptance={a.acceptance} /> : null}
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>{t('common.refresh')}</Button>
      </div>
      {saved && a.status === 'draft' ? <Alert type="success" showIcon closable style={{ marginBottom: 12 }} title={t('apl.savedDraft')} description={t('apl.savedDraftHelp')} /> : null}
      {d.conflicts.length ? (
        <Alert
          type="warning" showIcon style={{ marginBottom: 12 }} data-testid="application-conflicts" title={t('apl.conflictTitle')}
          description={d.conflicts.map((c) => t('apl.conflictLine', { name: c.name, numbers: c.diagnosisNumber, note: c.note ?? t('apl.conflictNoNote') })).join(';')}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <ChainSteps detail={d} />
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <Overview detail={d} />
          <ExplanationCard detail={d} />
          <FactsCard detail={d} />
          <EvidenceCard detail={d} stage="application" />
          {a.status === 'approved' ? <EvidenceCard detail={d} stage="acceptance" /> : null}
          {d.publicity || d.objections.length ? <PublicityCard detail={d} /> : null}
          {d.ledger.length ? <LedgerCard ledger={d.ledger} /> : null}
          <HistoryCard history={d.history} />
        </Col>
        <Col xs={24} xl={9}>
          {/* The panel follows the reader down the page, unless it is as tall as the approval with its preview. */}
          <div className={d.actions.approveWithAmount ? undefined : 'zgsz-sticky'}>
            <ActionPanel detail={d} />
          </div>
        </Col>
      </Row>
    </div>
  );
}

/** 申报 → each step of the chain → 验收 → 拨付, with who acted on the done steps. */
function ChainSteps({ detail: d }: { detail: ApplicationDetail }) {
  const { t, lang } = useI18n();
  const a = d.application;
  const actedOn = (name: string) => [...d.history].reverse().find((h) => h.stepName === name && (h.action === 'approve' || h.action === 'publicity_close'));
  const submitted = a.status !== 'draft';
  const currentIndex = a.currentStep?.index ?? -1;
  const items = [
    {
      title: t('apl.stepApply'),
      status: a.status === 'draft' ? 'process' as const : a.status === 'returned' ? 'error' as const : 'finish' as const,
      content: a.status === 'returned' ? t('apl.stepReturned') : submitted ? formatDate(a.submittedAt) : t('apl.status.draft'),
    },
    ...d.chain.steps.map((s) => {
      const h = actedOn(s.name);
      const status = s.done ? 'finish' as const : s.index === currentIndex ? 'process' as const : a.status === 'rejected' && s.index === firstOpen(d) ? 'error' as const : 'wait' as const;
      return {
        title: stepLabel(s, lang),
        status,
        content: s.done && h ? <span>{h.actorName}<br />{formatDate(h.at)}</span> : s.kind === 'publicity'
          ? t('apl.publicityRule', { n: d.chain.publicity.length, unit: t(`apl.dayUnit.${d.chain.publicity.unit}`) })
          : roleShort(s.role, t),
      };
    }),
    {
      title: t('apl.stepAccept'),
      status: a.acceptance === 'passed' ? 'finish' as const : a.acceptance === 'failed' ? 'error' as const : a.status === 'approved' ? 'process' as const : 'wait' as const,
      content: a.acceptance === 'none' ? t('apl.role.region_officer') : `${t(`apl.acceptance.${a.acceptance}`)} ${a.acceptedOn ?? ''}`,
    },
    {
      title: t('apl.stepDisburse'),
      status: a.approvedFen !== null && a.disbursedFen >= a.approvedFen && a.approvedFen > 0 ? 'finish' as const : a.disbursedFen > 0 ? 'process' as const : 'wait' as const,
      content: a.disbursedFen ? formatMoney(a.disbursedFen) : t('apl.role.finance'),
    },
  ];
  return <Steps size="small" titlePlacement="vertical" items={items} data-testid="chain-steps" className="zgsz-chain" />;
}

const firstOpen = (d: ApplicationDetail) => d.chain.steps.find((s) => !s.done)?.index ?? -1;

function Overview({ detail: d }: { detail: ApplicationDetail }) {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const { name: regionName } = useRegions();
  const a = d.application;
  return (
    <Card size="small" title={t('apl.overview')}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} className="zgsz-desc-nowrap" data-testid="application-overview">
        <Descriptions.Item label={t('apl.enterprise')}>
          {can(user.role, 'enterprises.read') ? <Link to={`/enterprises/${a.enterpriseId}`}>{a.enterpriseName}</Link> : a.enterpriseName}
          <span className="zgsz-mono" style={{ display: 'block', color: '#888' }}>{a.uscc}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('field.region')}>{regionName(a.regionId)}</Descriptions.Item>
        <Descriptions.Item label={t('apl.measureShort')}>{a.measureTitle}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{a.clause}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('apl.year')}>{a.year}</Descriptions.Item>
        <Descriptions.Item label={t('apl.estimate')}>
          <span className="zgsz-amount" data-testid="estimate">{entitlementText({ min: a.minFen, max: a.maxFen }, lang)}</span>
          {a.eligible ? null : <Tag color="error" style={{ marginLeft: 6 }}>{t('apl.notEligible')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('apl.payer')}>{payerLabel(a.payer, t)}</Descriptions.Item>
        <Descriptions.Item label={t('apl.approved')}>
          <span className="zgsz-amount" data-testid="approved-amount">{a.approvedFen === null ? '—' : formatMoney(a.approvedFen)}</span>
          {a.payer === 'shared' && a.approvedFen !== null ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('apl.parts', { city: formatMoney(a.cityPartFen ?? 0), county: formatMoney(a.countyPartFen ?? 0) })}</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('apl.advance')}>{a.approvedFen === null ? '—' : a.advanceFen ? formatMoney(a.advanceFen) : t('apl.noAdvance')}</Descriptions.Item>
        <Descriptions.Item label={t('apl.disbursed')}><span data-testid="disbursed-amount">{formatMoney(a.disbursedFen)}</span>{a.reclaimedFen ? `(${t('apl.reclaimed')} ${formatMoney(a.reclaimedFen)})` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('apl.acceptanceCol')}>
          <AcceptanceTag acceptance={a.acceptance} />{a.acceptanceNote ? <span>{a.acceptanceNote}{a.acceptedOn ? `(${a.acceptedOn})` : ''}</span> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('apl.submittedAt')}>{formatDateTime(a.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('apl.decidedAt')}>{formatDateTime(a.decidedAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function ExplanationCard({ detail: d }: { detail: ApplicationDetail }) {
  const { t, lang } = useI18n();
  const e = d.evaluation;
  return (
    <Card size="small" style={{ marginTop: 12 }} title={<Space>{t('apl.explanation')}<Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>{t('apl.evaluatedOn', { date: e.date })}</Typography.Text></Space>} data-testid="explanation">
      {lang === 'en' ? <Typography.Text type="secondary">{t('lang.pol.quoteLead')}</Typography.Text> : null}
      <blockquote className="zgsz-quote" lang="zh-CN">{e.quote}<span className="zgsz-quote-clause">——{d.application.clause}</span></blockquote>
      <Alert type={e.validity.status === 'in_force' ? 'success' : 'warning'} showIcon style={{ marginBottom: 8 }}
        title={lang === 'zh' ? `${e.validity.message}(${t('pol.basis')}:${e.validity.clause})` : `${t(`lang.pol.validity.${e.validity.status}`, { from: e.validity.from, to: e.validity.to })} (${t('pol.basis')}: ${e.validity.clause})`} />
      {lang === 'en' ? <Typography.Text type="secondary">{t('lang.pol.stepsLead')}</Typography.Text> : null}
      <ol className="zgsz-steps">
        {e.steps.map((s, i) => (
          <li key={i}>
            <span>{s.text}</span> <Tag>{s.clause}</Tag>
            {s.parameters?.map((p) => <Tag key={p.name} color="blue" title={t('pol.paramFrom', { name: p.name, from: p.from })}>{p.label} = {p.value}</Tag>)}
          </li>
        ))}
      </ol>
      {e.failures.length ? (
        <Alert type="error" showIcon title={t('apl.failures')} description={<ul className="zgsz-problems">{e.failures.map((f, i) => <li key={i}>{f.message}({f.clause})</li>)}</ul>} />
      ) : null}
    </Card>
  );
}

function FactsCard({ detail: d }: { detail: ApplicationDetail }) {
  const { t, lang } = useI18n();
  const a = d.application;
  const form = useQuery({
    queryKey: ['application-form', a.policyId, a.measureId],
    queryFn: () => api.get<ApplicationForm>(`/application-forms/${encodeURIComponent(a.policyId)}/${encodeURIComponent(a.measureId)}`),
    staleTime: 300_000,
  });
  const fields = form.data?.fields ?? [];
  const show = (path: string, raw: unknown) => {
    const f = fields.find((x) => x.path === path);
    if (raw === undefined || raw === null || raw === '') return '—';
    if (typeof raw === 'boolean') return raw ? t('common.yes') : t('common.no');
    if (f?.type === 'enum') { const v = f.values?.find((x) => x.code === raw); return v ? factValueLabel(path, v.code, v.label, lang) : String(raw); }
    if (f?.type === 'codes') {
      const list = Array.isArray(raw) ? raw : String(raw).split(/[;;、,,|]/);
      return list.map((c) => { const v = f.values?.find((x) => x.code === String(c).trim()); return v ? factValueLabel(path, v.code, v.label, lang) : String(c); }).join(lang === 'zh' ? '、' : ', ');
    }
    return `${String(raw)}${f?.unit && f.type !== 'money' ? ` ${f.unit}` : ''}`;
  };
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('apl.factsTitle')} data-testid="facts-card">
      {form.isError ? <ErrorAlert error={form.error} /> : null}
      <Descriptions size="small" bordered column={1}>
        {fields.map((f) => (
          <Descriptions.Item key={f.path} label={factLabel(f.path, f.label, lang)}>
            {show(f.path, factAt(d.facts, f.path))}
            {f.fromFile ? <Tag style={{ marginLeft: 8 }}>{t('apl.fromFileShort')}</Tag> : null}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

function PublicityCard({ detail: d }: { detail: ApplicationDetail }) {
  const { t } = useI18n();
  const b = d.publicity;
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('pub.section')} data-testid="publicity-card"
      extra={b ? <a href={apiUrl(`/publicity/${b.id}/notice`)} target="_blank" rel="noopener noreferrer">{t('pub.notice')}</a> : null}>
      {b ? (
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('pub.batchTitle')} span={2}>{b.title}</Descriptions.Item>
          <Descriptions.Item label={t('pub.period')}>{b.startsOn} ~ {b.endsOn}({t('apl.publicityRule', { n: b.length, unit: t(`apl.dayUnit.${b.unit}`) })})</Descriptions.Item>
          <Descriptions.Item label={t('pub.status')}><Tag color={b.status === 'open' ? 'purple' : 'default'}>{t(`pub.status.${b.status}`)}</Tag></Descriptions.Item>
          <Descriptions.Item label={t('pub.contact')} span={2}>{b.contact}</Descriptions.Item>
        </Descriptions>
      ) : null}
      {d.objections.length ? (
        <Table
          size="small" rowKey="id" pagination={false} dataSource={d.objections} style={{ marginTop: 8 }}
          columns={[
            { title: t('pub.objector'), dataIndex: 'name', width: 110, render: (v: string, o) => <span>{v}{o.organisation ? <span style={{ display: 'block', color: '#888', fontSize: 12 }}>{o.organisation}</span> : null}</span> },
            { title: t('pub.receivedOn'), dataIndex: 'receivedOn', width: 100 },
            { title: t('pub.content'), dataIndex: 'content' },
            { title: t('pub.objectionStatus'), dataIndex: 'status', width: 90, render: (s: 'open' | 'upheld' | 'dismissed') => <Tag color={s === 'open' ? 'error' : s === 'upheld' ? 'warning' : 'default'}>{t(`pub.obj.${s}`)}</Tag> },
            { title: t('pub.resolution'), dataIndex: 'resolution', render: (v: string | null) => v ?? '—' },
          ]}
        />
      ) : null}
    </Card>
  );
}

export function LedgerTable({ ledger, showApplication }: { ledger: LedgerEntry[]; showApplication?: boolean }) {
  const { t } = useI18n();
  return (
    <Table<LedgerEntry>
      size="small" rowKey="id" pagination={{ pageSize: 20, hideOnSinglePage: true }} dataSource={ledger} data-testid="ledger-table"
      scroll={{ x: 900 }}
      columns={[
        { title: t('fund.ledger.kind'), dataIndex: 'kind', width: 80, render: (k: LedgerEntry['kind']) => <Tag color={k === 'disburse' ? 'blue' : k === 'reclaim' ? 'error' : k === 'commit' ? 'gold' : 'default'}>{ledgerKindLabel(k, t)}</Tag> },
        { title: t('fund.ledger.amount'), dataIndex: 'amountFen', width: 120, align: 'right', render: (v: number) => <span className="zgsz-amount">{formatMoney(v)}</span> },
        { title: t('pay.paidOn'), dataIndex: 'paidOn', width: 100, render: (v: string | null) => v ?? '—' },
        { title: t('pay.voucher'), dataIndex: 'voucher', width: 160, render: (v: string | null) => (v ? <span className="zgsz-mono">{v}</span> : '—') },
        { title: t('pay.purpose'), dataIndex: 'purpose', width: 90, render: (v: LedgerEntry['purpose']) => (v ? t(`pay.purpose.${v}`) : '—') },
        ...(showApplication ? [{
          title: t('fund.ledger.application'), dataIndex: 'applicationId', width: 90,
          render: (v: string | null | undefined) => (v ? <Link to={`/applications/${v}`}>{t('common.view')}</Link> : '—'),
        }] : []),
        { title: t('pay.note'), dataIndex: 'note', render: (v: string | null, l) => (v || l.clause ? <span>{v}{l.clause ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>({l.clause})</Typography.Text> : null}</span> : '—') },
        { title: t('fund.ledger.actor'), dataIndex: 'actorName', width: 150, render: (v: string, l) => <span>{v}<span style={{ display: 'block', color: '#888', fontSize: 12 }}>{formatDateTime(l.at)}</span></span> },
      ]}
    />
  );
}

function LedgerCard({ ledger }: { ledger: LedgerEntry[] }) {
  const { t } = useI18n();
  return <Card size="small" style={{ marginTop: 12 }} title={t('apl.ledger')} data-testid="application-ledger"><LedgerTable ledger={ledger} /></Card>;
}

const historyColor = (action: string) => (action.startsWith('return') || action === 'reject' || action === 'acceptance_failed' ? 'red'
  : action === 'approve' || action === 'acceptance_passed' ? 'green' : action.startsWith('publicity') ? 'purple' : 'blue');

function HistoryCard({ history }: { history: HistoryEntry[] }) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('apl.history')} data-testid="history">
      <Timeline
        items={[...history].reverse().map((h, i) => ({
          key: i,
          color: historyColor(h.action),
          content: <HistoryLine h={h} t={t} lang={lang} />,
        }))}
      />
    </Card>
  );
}

function HistoryLine({ h, t, lang }: { h: HistoryEntry; t: Translate; lang: 'zh' | 'en' }) {
  const returned = h.action.startsWith('return') || h.action === 'reject';
  return (
    <div className="zgsz-history" data-testid={`history-${h.action}`}>
      <div>
        <Typography.Text strong>{historyActionLabel(h.action, t)}</Typography.Text>
        {h.stepName ? <Tag style={{ marginLeft: 6 }}>{stepLabel({ name: h.stepName }, lang)}</Tag> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>{h.actorName}({roleShort(h.actorRole, t)})· {formatDateTime(h.at)}</Typography.Text>
      </div>
      {h.opinion ? (
        <div className={returned ? 'zgsz-history-reason' : 'zgsz-history-opinion'}>{returned || h.action === 'handover' ? t('apl.reason') : t('apl.opinion')}:{h.opinion}</div>
      ) : null}
      {h.summary && h.summary !== historyActionLabel(h.action, t) && !(h.opinion && h.summary.includes(h.opinion)) ? <div className="zgsz-history-summary">{h.summary}</div> : null}
    </div>
  );
}
