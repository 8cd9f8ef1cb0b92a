// 企业首页: what an enterprise sees after signing in. 可享政策 — the measures of its city's policy in
// force that its own file already meets, with the amount as the text words it, the clause and how
// to claim it; the measures it nearly meets with what is still to be shown; its certifications and
// their review status; its applications, diagnoses and maturity results; and the calculator
// opened with its file's facts filled in.
import { CalculatorOutlined, FileSearchOutlined, FormOutlined, MedicineBoxOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert, Button, Card, Col, Empty, Row, Skeleton, Space, Statistic, Switch, Table, Tag, Tooltip, Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { createContext, useContext, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Application } from '../../api/applications.ts';
import { api } from '../../api/client.ts';
import type { CertificationClaim, Enterprise, Page } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { entitlementText } from '../../lib/entitlement.ts';
import { formatMoneyRangeYuan } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-home-enterprise.ts';
import { certKindLabel, certLevelLabel } from '../../lib/labels.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { ClaimFormModal, ClaimStatusTag } from '../enterprises/CertificationClaims.tsx';
import { EnterpriseApplicationsCard } from '../enterprises/EnterpriseApplications.tsx';
import { EnterpriseDigitalCard } from '../enterprises/EnterpriseDigitalCard.tsx';
import { StatusTag } from '../applications/shared.tsx';
import { type Entitlements, type Finding, useEntitlements } from './EnterpriseHomeData.ts';

type Row = Finding & { policyId: string; policyTitle: string };

/** The enterprise's applications by `policyId/measureId`, so each measure shows what was already applied for. */
const AppliedContext = createContext<ReadonlyMap<string, Application[]>>(new Map());

export default function EnterpriseHomePage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const id = user.enterpriseId ?? '';
  const enterprise = useQuery({ queryKey: ['enterprise', id], enabled: !!id, queryFn: () => api.get<Enterprise>(`/enterprises/${encodeURIComponent(id)}`) });
  const entitlements = useEntitlements(id);
  const applications = useQuery({
    queryKey: ['applications', 'enterprise', id, 'home'], enabled: !!id && can(user.role, 'applications.read'),
    queryFn: () => api.get<Page<Application>>('/applications', { enterpriseId: id, pageSize: 100 }),
  });
  const applied = useMemo(() => {
    const map = new Map<string, Application[]>();
    for (const a of applications.data?.items ?? []) map.set(`${a.policyId}/${a.measureId}`, [...map.get(`${a.policyId}/${a.measureId}`) ?? [], a]);
    return map;
  }, [applications.data]);
  if (!id) return <Card data-testid="dashboard"><Empty description={t('common.noAccess')} /></Card>;
  return (
    <div className="zgsz-page" data-testid="dashboard">
      <div data-testid="enterprise-home">
        {enterprise.isError ? <ErrorAlert error={enterprise.error} onRetry={() => void enterprise.refetch()} /> : null}
        <Head enterprise={enterprise.data} entitlements={entitlements.data} />
        {entitlements.isError ? (
          <ErrorAlert error={entitlements.error} title={t('home.ent.failed')} onRetry={() => void entitlements.refetch()} />
        ) : !entitlements.data ? <Card><Skeleton active paragraph={{ rows: 8 }} /></Card> : <AppliedContext.Provider value={applied}><EntitlementCards data={entitlements.data} /></AppliedContext.Provider>}
        {enterprise.data ? (
          <Space orientation="vertical" size={12} style={{ width: '100%', marginTop: 12 }}>
            <CertificationsCard enterprise={enterprise.data} />
            {can(user.role, 'applications.read') ? <EnterpriseApplicationsCard enterprise={enterprise.data} /> : null}
            {can(user.role, 'maturity.read') ? <EnterpriseDigitalCard enterprise={enterprise.data} /> : null}
          </Space>
        ) : null}
      </div>
    </div>
  );
}

function Head({ enterprise, entitlements }: { enterprise: Enterprise | undefined; entitlements: Entitlements | undefined }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { name: regionName } = useRegions();
  return (
    <div className="zgsz-page-head">
      <Space orientation="vertical" size={0}>
        <Typography.Title level={4} style={{ marginBottom: 0 }} data-testid="home-enterprise-name">{enterprise?.name ?? entitlements?.enterprise.name ?? t('home.ent.title')}</Typography.Title>
        {enterprise ? (
          <Typography.Text type="secondary">
            {t('home.ent.region')}{regionName(enterprise.regionId)} · <span className="zgsz-mono">{enterprise.uscc}</span>
          </Typography.Text>
        ) : null}
      </Space>
      <Space wrap>
        <Button type="primary" icon={<CalculatorOutlined />} onClick={() => navigate('/policies?from=file')} data-testid="home-open-calculator">{t('home.ent.openCalculator')}</Button>
        {enterprise ? <Button icon={<FileSearchOutlined />} onClick={() => navigate(`/enterprises/${enterprise.id}`)}>{t('home.ent.openFile')}</Button> : null}
      </Space>
    </div>
  );
}

function EntitlementCards({ data }: { data: Entitlements }) {
  const { t, lang } = useI18n();
  const [showNotMet, setShowNotMet] = useState(false);
  const rows: Row[] = useMemo(() => data.policies.flatMap((p) => p.measures.map((m) => ({
    ...m, policyId: p.policyId, policyTitle: `${p.shortTitle}${p.number ? `(${p.number})` : ''}`,
  }))), [data]);
  const eligible = rows.filter((r) => r.status === 'eligible');
  // Nearest first: the fewest conditions still to show.
  const near = rows.filter((r) => r.status === 'near').sort((a, b) => a.missing.length + a.failures.length - (b.missing.length + b.failures.length));
  const notMet = rows.filter((r) => r.status === 'not_met');
  const several = data.policies.length > 1;
  const total = eligible.reduce<{ min: number; max: number | null }>((s, r) => ({
    min: s.min + r.amount.min,
    max: s.max === null || r.amount.max === null ? null : s.max + r.amount.max,
  }), { min: 0, max: 0 });

  const measureCell = (r: Row) => (
    <Space orientation="vertical" size={0}>
      <strong>{r.title}</strong>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{several ? `${r.policyTitle} ` : ''}{r.clause}</Typography.Text>
    </Space>
  );

  const eligibleColumns: ColumnsType<Row> = [
    { title: t('home.ent.measure'), key: 'measure', render: (_, r) => measureCell(r) },
    {
      title: t('home.ent.amount'), key: 'amount', width: 190,
      render: (_, r) => <Tooltip title={formatMoneyRangeYuan(r.amount)}><span className="zgsz-amount" data-testid={`home-amount-${r.id}`}>{entitlementText(r.amount, lang)}</span></Tooltip>,
    },
    { title: t('home.ent.payer'), dataIndex: 'payer', width: 110, render: (p: Row['payer']) => t(`home.ent.payer.${p}`) },
    { title: t('home.ent.claim'), key: 'claim', width: 200, render: (_, r) => <ClaimButton row={r} /> },
  ];

  const nearColumns: ColumnsType<Row> = [
    { title: t('home.ent.measure'), key: 'measure', width: 300, render: (_, r) => measureCell(r) },
    {
      title: t('home.ent.missing'), key: 'missing',
      render: (_, r) => (
        <ul className="zgsz-home-missing" data-testid={`home-missing-${r.id}`} style={{ margin: 0, paddingInlineStart: 18 }}>
          {r.missing.map((m) => <li key={m.fact + m.condition}>{m.condition}</li>)}
          {r.failures.map((f) => <li key={f.fact + f.message}>{f.message}</li>)}
        </ul>
      ),
    },
    { title: t('home.ent.claim'), key: 'claim', width: 200, render: (_, r) => <ClaimButton row={r} /> },
  ];

  const notMetColumns: ColumnsType<Row> = [
    { title: t('home.ent.measure'), key: 'measure', width: 300, render: (_, r) => measureCell(r) },
    { title: t('home.ent.reason'), key: 'reason', render: (_, r) => <span className="zgsz-explain">{r.failures.map((f) => f.message).join(';')}</span> },
  ];

  const policy = data.policies[0];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" data-testid="home-summary">
        {policy ? (
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{t('home.ent.policy')}</Typography.Text>
            {data.policies.map((p) => (
              <span key={p.policyId} style={{ marginInlineEnd: 12 }}>
                <strong>{p.shortTitle}</strong>{p.number ? `(${p.number})` : ''} <Tag color="green">{t('home.ent.validTo', { date: p.validity.to })}</Tag>
              </span>
            ))}
            <Typography.Text type="secondary">{t('home.ent.asOf', { date: data.date })}</Typography.Text>
          </Typography.Paragraph>
        ) : (
          <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('home.ent.noPolicy')}
            description={data.otherPolicies.map((p) => t('home.ent.expiredPolicy', { title: p.shortTitle, from: p.validity.from, to: p.validity.to })).join(' ')} />
        )}
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}><Statistic title={t('home.ent.eligibleCount')} value={eligible.length} suffix={lang === 'zh' ? '项' : undefined} data-testid="home-eligible-count" /></Col>
          <Col xs={12} md={6}><Statistic title={t('home.ent.eligibleTotal')} value={eligible.length ? entitlementText(total, lang) : '—'} data-testid="home-eligible-total" /></Col>
          <Col xs={12} md={6}><Statistic title={t('home.ent.nearCount')} value={near.length} suffix={lang === 'zh' ? '项' : undefined} /></Col>
          <Col xs={12} md={6}><Statistic title={t('home.ent.pendingClaims')} value={data.pendingClaims} suffix={lang === 'zh' ? '项' : undefined} /></Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12.5 }}>{t('home.ent.fileNote')}</Typography.Paragraph>
        {data.pendingClaims ? <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('home.ent.pendingNote', { n: data.pendingClaims })} data-testid="home-pending-note" /> : null}
      </Card>

      <Card size="small" title={t('home.ent.eligible')} extra={<Typography.Text type="secondary">{t('home.ent.eligibleHelp')}</Typography.Text>}>
        <Table<Row>
          rowKey={(r) => `${r.policyId}/${r.id}`} size="small" pagination={false} dataSource={eligible} columns={eligibleColumns}
          data-testid="home-eligible" rowClassName={() => 'zgsz-row-eligible'}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.ent.noneEligible')} /> }}
          expandable={{ expandedRowRender: (r) => <FindingDetail row={r} /> }}
        />
      </Card>

      <Card size="small" title={t('home.ent.near')} extra={<Typography.Text type="secondary">{t('home.ent.nearHelp')}</Typography.Text>}>
        <Table<Row>
          rowKey={(r) => `${r.policyId}/${r.id}`} size="small" pagination={false} dataSource={near} columns={nearColumns} data-testid="home-near"
          locale={{ emptyText: t('home.ent.noneNear') }}
          expandable={{ expandedRowRender: (r) => <FindingDetail row={r} /> }}
        />
      </Card>

      {notMet.length ? (
        <Card size="small" title={t('home.ent.notMet')}
          extra={<Space><span>{t('home.ent.showNotMet', { n: notMet.length })}</span><Switch size="small" checked={showNotMet} onChange={setShowNotMet} data-testid="home-show-not-met" /></Space>}>
          {showNotMet ? (
            <Table<Row> rowKey={(r) => `${r.policyId}/${r.id}`} size="small" pagination={false} dataSource={notMet} columns={notMetColumns} data-testid="home-not-met" />
          ) : null}
        </Card>
      ) : null}
    </Space>
  );
}

/** 申报 opens the application form on this measure; a diagnosis subsidy is claimed by requesting a diagnosis. */
function ClaimButton({ row }: { row: Row }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const applied = useContext(AppliedContext).get(`${row.policyId}/${row.id}`) ?? [];
  if (row.claim === 'diagnosis') {
    // Met: the diagnosis it received is paid through the diagnosis service; else one is requested there.
    return (
      <Tooltip title={t('home.ent.diagnosisHelp')}>
        <Button size="small" icon={<MedicineBoxOutlined />} onClick={() => navigate('/diagnoses')} data-testid={`home-diagnosis-${row.id}`}>
          {t(row.status === 'eligible' ? 'home.ent.viewDiagnoses' : 'home.ent.requestDiagnosis')}
        </Button>
      </Tooltip>
    );
  }
  if (!can(user.role, 'applications.apply')) return <Typography.Text type="secondary">{t('home.ent.applyHelp')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      <Tooltip title={t('home.ent.applyHelp')}>
        <Button size="small" type={row.status === 'eligible' && !applied.length ? 'primary' : 'default'} icon={<FormOutlined />}
          onClick={() => navigate(`/applications/new?measure=${encodeURIComponent(row.id)}`)} data-testid={`home-apply-${row.id}`}>
          {t('home.ent.apply')}
        </Button>
      </Tooltip>
      {applied.map((a) => (
        <span key={a.id} style={{ whiteSpace: 'nowrap', fontSize: 12 }} data-testid={`home-applied-${row.id}`}>
          <Link to={`/applications/${a.id}`} className="zgsz-mono">{a.number}</Link> <StatusTag status={a.status} />
        </span>
      ))}
    </Space>
  );
}

function FindingDetail({ row }: { row: Row }) {
  const { t } = useI18n();
  return (
    <div className="zgsz-explanation">
      <blockquote className="zgsz-quote">{row.quote}<span className="zgsz-quote-clause">——{row.clause}</span></blockquote>
      <Typography.Paragraph style={{ marginBottom: 6 }}><Typography.Text strong>{t('home.ent.conclusion')}:</Typography.Text>{row.conclusion}</Typography.Paragraph>
      {row.reading ? <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>{t('home.ent.reading')}:{row.reading}</Typography.Paragraph> : null}
      {row.claim === 'application' && row.evidence.length ? (
        <>
          <Typography.Text strong>{t('home.ent.materials')}</Typography.Text>
          <ol className="zgsz-steps">
            {row.evidence.map((e) => <li key={e.id}><span>{e.label}</span> <Typography.Text type="secondary" style={{ fontSize: 12 }}>({e.basis})</Typography.Text></li>)}
          </ol>
        </>
      ) : null}
    </div>
  );
}

interface CertRow { key: string; kind: CertificationClaim['kind']; level: string; title: string; year: number; status: CertificationClaim['status']; evidence: string | null; reviewNote: string | null }

/** The file's confirmed certifications and its claims that are pending or were rejected, in one list. */
function CertificationsCard({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const [open, setOpen] = useState(false);
  const rows: CertRow[] = [
    ...(enterprise.certificationClaims ?? []).map((c) => ({ key: c.id, kind: c.kind, level: c.level, title: c.title, year: c.year, status: c.status, evidence: c.evidence, reviewNote: c.reviewNote })),
    ...enterprise.certifications.map((c, i) => ({ key: `confirmed-${i}`, kind: c.kind, level: c.level, title: c.title, year: c.year, status: 'confirmed' as const, evidence: null, reviewNote: null })),
  ];
  const mayClaim = can(user.role, 'enterprises.certifications.claim') && user.enterpriseId === enterprise.id;
  return (
    <Card size="small" title={t('home.ent.certs')} data-testid="home-certs"
      extra={mayClaim ? <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="home-claim-open">{t('claim.submit')}</Button> : null}>
      <Table<CertRow>
        size="small" rowKey="key" pagination={false} dataSource={rows} locale={{ emptyText: t('home.ent.noCerts') }}
        columns={[
          { title: t('cert.kind'), dataIndex: 'kind', width: 190, render: (k: string) => certKindLabel(k, t) },
          { title: t('cert.level'), dataIndex: 'level', width: 90, render: (l: string, c) => certLevelLabel(c.kind, l, t) },
          { title: t('cert.title'), dataIndex: 'title' },
          { title: t('cert.year'), dataIndex: 'year', width: 70 },
          { title: t('home.ent.certStatus'), dataIndex: 'status', width: 120, render: (s: CertRow['status']) => <ClaimStatusTag status={s} /> },
          { title: t('home.ent.certEvidence'), dataIndex: 'reviewNote', width: 240, render: (v: string | null, c) => v ?? (c.evidence ? <Typography.Text type="secondary">{c.evidence}</Typography.Text> : '—') },
        ]}
      />
      {mayClaim ? <ClaimFormModal enterpriseId={enterprise.id} open={open} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}
