// 数字档案 (实施意见 二(五)): an enterprise's maturity results over time per instrument version (a line
// of 2024 totals; 2022 and GB/T 39116 results listed on their own, as they are not comparable with
// 2024), its latest self-assessment beside the latest on-site one, its diagnoses, and the next steps
// from the latest accepted report with a way to apply for a retrofit subsidy. The enterprise starts
// a self-assessment here; the offices record older results (2022 total, or CMMM level and 能力域).
import { DateInput } from '../../components/DateInput.tsx';
import { FileAddOutlined, FormOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Modal, Radio, Result, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { LineChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { CmmmInstrument, Sme2022Instrument } from '../../../../src/domain/maturity/instrument.ts';
import { type AssessmentScore, formatPoints } from '../../../../src/domain/maturity/score.ts';
import { ApiError, api } from '../../api/client.ts';
import { CHART_COLORS, type ChartOption, EChart } from '../../components/EChart.tsx';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatMoney } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { areaLabel } from '../diagnoses/shared.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-providers.ts';
import '../../lib/i18n-load-diagnoses.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { INSTRUMENT_2024, levelText, type MaturityRecord } from './SelfAssessmentPage.tsx';

// The shared chart wrapper bundles bar and pie only; the profile's trend needs a line.
echarts.use([LineChart, MarkLineComponent]);

// The API's labels are Chinese; the codes read in either language.
const SCOPES = ['chain', 'factory', 'workshop'];
const STATUSES = ['requested', 'dispatched', 'contracted', 'on_site', 'reported', 'accepted', 'paid', 'cancelled'];

interface Diagnosis { id: string; number: string; year: number; scope: string; scopeLabel: string; status: string; statusLabel: string; providerName: string | null; acceptedOn: string | null; reportedOn: string | null }
interface Recommendation { title: string; area: string; investmentFen: number; priority: 'high' | 'medium' | 'low' }
interface Profile {
  enterprise: { id: string; name: string; uscc: string; regionId: string; industryCode: string };
  timeline: { instrumentId: string; items: MaturityRecord[] }[];
  sideBySide: { self: MaturityRecord | null; diagnosis: MaturityRecord | null };
  drafts: MaturityRecord[];
  diagnoses: Diagnosis[];
  nextSteps: { diagnosisNumber: string; acceptedOn: string | null; recommendations: Recommendation[]; gaps: { area: string; finding: string }[]; totalInvestmentFen: number } | null;
}
interface CmmmResult { level: number; domainScores: Record<string, number> }

const profileKey = (id: string) => ['digital-profile', id] as const;
const AXIS_LABEL = { color: '#555', fontSize: 12 };
/** CMMM 能力域 scores are integer hundredths (235 → "2.35"). */
const hundredths = (n: number) => `${Math.trunc(n / 100)}.${String(n % 100).padStart(2, '0')}`;
const scoreOf = (m: MaturityRecord | null) => (m?.result ?? null) as AssessmentScore | null;

export default function DigitalProfilePage() {
  const { id } = useParams();
  const { user } = useSignedIn();
  const { t } = useI18n();
  const enterpriseId = id ?? user.enterpriseId;
  if (!enterpriseId) return <Card><Result status="info" title={t('mat.profile.noEnterprise')} /></Card>;
  return <ProfileView key={enterpriseId} enterpriseId={enterpriseId} />;
}

function ProfileView({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { name: regionName } = useRegions();
  const navigate = useNavigate();
  const [recording, setRecording] = useState(false);
  const query = useQuery({ queryKey: profileKey(enterpriseId), queryFn: () => api.get<Profile>(`/enterprises/${encodeURIComponent(enterpriseId)}/digital-profile`) });
  const p = query.data;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <Card><Result status="404" title={t('mat.profile.notFound')} subTitle={errorMessage(query.error)} /></Card>;
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!p) return <Card><Skeleton active paragraph={{ rows: 14 }} /></Card>;
  const own = user.role === 'enterprise' && user.enterpriseId === enterpriseId;
  const draft = p.drafts.find((d) => d.source === 'self' && d.instrumentId === INSTRUMENT_2024);
  const mayRecord = can(user.role, 'maturity.record');

  return (
    <div className="zgsz-page" data-testid="digital-profile">
      <div className="zgsz-page-head">
        <Space wrap align="baseline">
          <Typography.Title level={4}>{t('mat.profile.title')}</Typography.Title>
          {can(user.role, 'enterprises.read') && !own ? <Link to={`/enterprises/${p.enterprise.id}`}>{p.enterprise.name}</Link> : <Typography.Text strong>{p.enterprise.name}</Typography.Text>}
          <span className="zgsz-mono" style={{ color: '#888' }}>{p.enterprise.uscc}</span>
          <Typography.Text type="secondary">{regionName(p.enterprise.regionId)} · {p.enterprise.industryCode}</Typography.Text>
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>{t('common.refresh')}</Button>
          {mayRecord ? <Button icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-legacy">{t('mat.legacy.record')}</Button> : null}
          {own && can(user.role, 'maturity.assess') ? (
            <Button type="primary" icon={<FormOutlined />} onClick={() => navigate(draft ? `/maturity/${draft.id}` : '/maturity/new')} data-testid="start-self">
              {draft ? t('mat.profile.continueSelf') : t('mat.profile.startSelf')}
            </Button>
          ) : null}
        </Space>
      </div>
      {p.drafts.length ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="drafts"
          title={t('mat.profile.drafts', { n: p.drafts.length })}
          description={<Space wrap>{p.drafts.map((d) => <Link key={d.id} to={`/maturity/${d.id}`}>{t(`mat.source.${d.source === 'diagnosis' ? 'diagnosis' : 'self'}`)} · {t('mat.points', { p: d.total ?? '0' })}</Link>)}</Space>} />
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}><TrendCard profile={p} /></Col>
        <Col xs={24} xl={10}><SideBySideCard profile={p} /></Col>
        <Col xs={24}><OtherVersionsCard profile={p} /></Col>
        <Col xs={24} xl={14}><NextStepsCard profile={p} own={own} /></Col>
        <Col xs={24} xl={10}><DiagnosesCard profile={p} /></Col>
      </Row>
      {mayRecord ? <LegacyModal enterpriseId={p.enterprise.id} open={recording} onClose={() => setRecording(false)} /> : null}
    </div>
  );
}

// ---- 2024 results over time ----

function TrendCard({ profile: p }: { profile: Profile }) {
  const { t } = useI18n();
  const items = useMemo(() => (p.timeline.find((x) => x.instrumentId === INSTRUMENT_2024)?.items ?? [])
    .filter((m) => m.totalMilli !== null && m.assessedOn)
    .sort((a, b) => (a.assessedOn ?? '').localeCompare(b.assessedOn ?? '')), [p.timeline]);
  const option = useMemo<ChartOption>(() => {
    const series = (['self', 'diagnosis'] as const).map((source, i) => ({
      name: t(`mat.source.${source}`), type: 'line', symbolSize: 9, color: CHART_COLORS[i === 0 ? 0 : 2],
      // The plotted value is for drawing only; labels and tooltips use the exact points.
      data: items.filter((m) => m.source === source).map((m) => ({ value: [m.assessedOn, Number(formatPoints(m.totalMilli!))], exact: formatPoints(m.totalMilli!), level: levelText(m.level, t) })),
    }));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (x: { seriesName: string; data: { value: [string, number]; exact: string; level: string } }) => `${x.data.value[0]}<br/>${x.seriesName}:${x.data.exact} ${t('mat.pointsUnit')} · ${x.data.level}`,
      },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'time', axisLabel: { ...AXIS_LABEL, formatter: '{yyyy}-{MM}-{dd}' }, minInterval: 86_400_000 },
      yAxis: { type: 'value', min: 0, max: 100, name: t('mat.pointsUnit'), axisLabel: AXIS_LABEL },
      series: [
        ...series,
        { type: 'line', data: [], markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#bbb' }, label: { formatter: '{b}', position: 'insideEndTop', color: '#888' },
          data: [20, 40, 60, 80].map((y, i) => ({ yAxis: y, name: t(`mat.level.${(i + 1) as 1 | 2 | 3 | 4}`) })) } },
      ],
    };
  }, [items, t]);
  return (
    <Card size="small" title={t('mat.profile.trend')} className="zgsz-chart-card" data-testid="trend-card">
      {items.length ? <EChart option={option} height={260} testId="chart-trend" /> : <Empty description={t('mat.profile.noResults')} />}
      {items.length ? (
        <Table<MaturityRecord>
          size="small" rowKey="id" pagination={false} dataSource={[...items].reverse()} style={{ marginTop: 4 }}
          columns={[
            { title: t('mat.assessedOn'), dataIndex: 'assessedOn', width: 110 },
            { title: t('mat.profile.source'), dataIndex: 'source', width: 120, render: (s: MaturityRecord['source']) => <Tag color={s === 'self' ? 'blue' : 'geekblue'}>{t(`mat.source.${s === 'diagnosis' ? 'diagnosis' : 'self'}`)}</Tag> },
            { title: t('mat.profile.total'), dataIndex: 'totalMilli', width: 90, align: 'right', render: (v: number) => <span className="zgsz-amount">{formatPoints(v)}</span> },
            { title: t('mat.profile.level'), dataIndex: 'level', width: 90, render: (v: number | null) => levelText(v, t) },
            { title: '', key: 'open', render: (_, m) => <Link to={`/maturity/${m.id}`}>{t('common.view')}</Link> },
          ]}
        />
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mat.profile.trendNote')}</Typography.Text>
    </Card>
  );
}

// ---- the latest self-assessment beside the latest on-site one ----

function SideBySideCard({ profile: p }: { profile: Profile }) {
  const { t } = useI18n();
  const self = scoreOf(p.sideBySide.self);
  const site = scoreOf(p.sideBySide.diagnosis);
  const dims = (self ?? site)?.dimensions ?? [];
  const cell = (s: AssessmentScore | null, id: string) => {
    const d = s?.dimensions.find((x) => x.id === id);
    return d ? <span className="zgsz-mono">{formatPoints(d.scoreMilli)}</span> : '—';
  };
  const diff = (id: string | null) => {
    if (!self || !site) return null;
    const a = id ? self.dimensions.find((x) => x.id === id)?.scoreMilli ?? 0 : self.totalMilli;
    const b = id ? site.dimensions.find((x) => x.id === id)?.scoreMilli ?? 0 : site.totalMilli;
    const d = a - b;
    return d === 0 ? <Typography.Text type="secondary">0</Typography.Text> : <Typography.Text type={d > 0 ? 'warning' : 'success'}>{d > 0 ? '+' : '-'}{formatPoints(Math.abs(d))}</Typography.Text>;
  };
  type Line = { key: string; label: string; max: string; self: ReactNode; site: ReactNode; diff: ReactNode };
  const rows: Line[] = [
    ...dims.map((d) => ({ key: d.id, label: areaLabel(d.name, t), max: formatPoints(d.maxMilli), self: cell(self, d.id), site: cell(site, d.id), diff: diff(d.id) })),
    {
      key: 'total', label: t('mat.profile.total'), max: '100',
      self: self ? <b className="zgsz-amount">{formatPoints(self.totalMilli)}</b> : '—', site: site ? <b className="zgsz-amount">{formatPoints(site.totalMilli)}</b> : '—', diff: diff(null),
    },
    {
      key: 'scenes', label: t('mat.profile.scenesL2'), max: '16',
      self: self ? `${self.scenes.rated[1]?.scenes ?? 0}(${t('mat.constraintShort')} ${self.scenes.rated[1]?.constraintScenes ?? 0})` : '—',
      site: site ? `${site.scenes.rated[1]?.scenes ?? 0}(${t('mat.constraintShort')} ${site.scenes.rated[1]?.constraintScenes ?? 0})` : '—', diff: null,
    },
    {
      key: 'level', label: t('mat.profile.level'), max: '',
      self: self ? <Tag color="blue">{levelText(self.level, t)}</Tag> : '—', site: site ? <Tag color="geekblue">{levelText(site.level, t)}</Tag> : '—', diff: null,
    },
  ];
  const head = (m: MaturityRecord | null) => (m ? <Link to={`/maturity/${m.id}`}>{m.assessedOn}</Link> : t('mat.profile.none'));
  return (
    <Card size="small" title={t('mat.profile.compare')} data-testid="compare-card">
      {!self && !site ? <Empty description={t('mat.profile.noResults')} /> : (
        <>
          <Table<Line>
            size="small" rowKey="key" pagination={false} dataSource={rows}
            columns={[
              { title: '', dataIndex: 'label' },
              { title: t('mat.profile.max'), dataIndex: 'max', width: 56, align: 'right' },
              { title: <span>{t('mat.source.self')}<br /><span style={{ fontWeight: 'normal', fontSize: 12 }}>{head(p.sideBySide.self)}</span></span>, dataIndex: 'self', align: 'right' },
              { title: <span>{t('mat.source.diagnosis')}<br /><span style={{ fontWeight: 'normal', fontSize: 12 }}>{head(p.sideBySide.diagnosis)}</span></span>, dataIndex: 'site', align: 'right' },
              { title: t('mat.profile.diff'), dataIndex: 'diff', width: 70, align: 'right' },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mat.profile.compareNote')}</Typography.Text>
        </>
      )}
    </Card>
  );
}

// ---- 2022 and CMMM results ----

function OtherVersionsCard({ profile: p }: { profile: Profile }) {
  const { t } = useI18n();
  const cmmm = useQuery({ queryKey: ['maturity-instrument', 'gbt39116-2020'], queryFn: () => api.get<CmmmInstrument>('/maturity/instruments/gbt39116-2020'), staleTime: Infinity });
  const r2022 = p.timeline.find((x) => x.instrumentId === 'miit-sme-2022')?.items ?? [];
  const rCmmm = p.timeline.find((x) => x.instrumentId === 'gbt39116-2020')?.items ?? [];
  const levelName = (l: number) => (l === 0 ? cmmm.data?.levels.belowLabel ?? '—' : `${l} ${cmmm.data?.levels.items.find((x) => x.level === l)?.name ?? ''}`);
  return (
    <Card size="small" title={t('mat.profile.others')} data-testid="others-card">
      <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('mat.profile.notComparable')} />
      <Row gutter={12}>
        <Col xs={24} lg={8}>
          <div className="zgsz-label">{t('mat.instrument.2022')}</div>
          {r2022.length ? (
            <Table<MaturityRecord>
              size="small" rowKey="id" pagination={false} dataSource={[...r2022].reverse()}
              columns={[
                { title: t('mat.assessedOn'), dataIndex: 'assessedOn', width: 110 },
                { title: t('mat.profile.total'), dataIndex: 'total', align: 'right', render: (v: string | null) => v ?? '—' },
                { title: t('mat.profile.level'), dataIndex: 'level', render: (v: number | null) => levelText(v, t) },
                { title: t('mat.createdBy'), dataIndex: 'createdBy' },
              ]}
            />
          ) : <Typography.Text type="secondary">{t('mat.profile.none')}</Typography.Text>}
        </Col>
        <Col xs={24} lg={16}>
          <div className="zgsz-label">{t('mat.instrument.cmmm')}</div>
          {rCmmm.length ? [...rCmmm].reverse().map((m) => {
            const r = m.result as CmmmResult;
            return (
              <div key={m.id} style={{ marginBottom: 8 }}>
                <Space wrap>
                  <span className="zgsz-mono">{m.assessedOn}</span>
                  <Tag color="purple">{t('mat.cmmmLevel', { level: levelName(r.level) })}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.createdBy}</Typography.Text>
                </Space>
                <div className="zgsz-kv" style={{ marginTop: 4 }}>
                  {Object.entries(r.domainScores).map(([id, v]) => <span key={id}><em>{cmmm.data?.domains.find((d) => d.id === id)?.name ?? id}</em>{hundredths(v)}</span>)}
                </div>
              </div>
            );
          }) : <Typography.Text type="secondary">{t('mat.profile.none')}</Typography.Text>}
        </Col>
      </Row>
    </Card>
  );
}

// ---- next steps from the latest accepted report ----

function NextStepsCard({ profile: p, own }: { profile: Profile; own: boolean }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const n = p.nextSteps;
  const mayApply = can(user.role, 'applications.apply') && (own || user.role === 'region_officer');
  return (
    <Card size="small" title={t('mat.profile.nextSteps')} data-testid="next-steps"
      extra={n && mayApply ? <Link to="/applications/new"><Button type="primary" size="small" icon={<FileAddOutlined />} data-testid="apply-retrofit">{t('mat.profile.apply')}</Button></Link> : null}>
      {!n ? <Empty description={t('mat.profile.noReport')} /> : (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('mat.profile.fromReport', { number: n.diagnosisNumber, date: n.acceptedOn ?? '—' })}</Typography.Paragraph>
          <div className="zgsz-label">{t('mat.profile.gaps')}</div>
          <ul className="zgsz-problems" style={{ marginBottom: 10 }}>
            {n.gaps.map((g, i) => <li key={i}><Tag>{areaLabel(g.area, t)}</Tag>{g.finding}</li>)}
          </ul>
          <div className="zgsz-label">{t('mat.profile.recommendations')}</div>
          <Table<Recommendation>
            size="small" rowKey={(r) => `${r.area}-${r.title}`} pagination={false} dataSource={n.recommendations}
            columns={[
              { title: t('mat.profile.recTitle'), dataIndex: 'title' },
              { title: t('mat.profile.area'), dataIndex: 'area', width: 130, render: (v: string) => areaLabel(v, t) },
              { title: t('mat.profile.priority'), dataIndex: 'priority', width: 80, render: (v: Recommendation['priority']) => <Tag color={v === 'high' ? 'red' : v === 'medium' ? 'orange' : 'default'}>{t(`mat.priority.${v}`)}</Tag> },
              { title: t('mat.profile.investment'), dataIndex: 'investmentFen', width: 120, align: 'right', render: (v: number) => <span className="zgsz-amount">{formatMoney(v)}</span> },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}><b>{t('mat.profile.totalInvestment')}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right"><span className="zgsz-amount" data-testid="total-investment">{formatMoney(n.totalInvestmentFen)}</span></Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          {mayApply ? <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>{t('mat.profile.applyHelp')}</Typography.Paragraph> : null}
        </>
      )}
    </Card>
  );
}

function DiagnosesCard({ profile: p }: { profile: Profile }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const link = can(user.role, 'diagnoses.read');
  return (
    <Card size="small" title={t('mat.profile.diagnoses')} data-testid="diagnoses-card">
      <Table<Diagnosis>
        size="small" rowKey="id" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={p.diagnoses} locale={{ emptyText: t('mat.profile.noDiagnoses') }}
        columns={[
          { title: t('mat.profile.number'), dataIndex: 'number', render: (v: string, d) => (link ? <Link to={`/diagnoses/${d.id}`} className="zgsz-mono">{v}</Link> : <span className="zgsz-mono">{v}</span>) },
          { title: t('mat.profile.scope'), dataIndex: 'scopeLabel', width: 90, render: (v: string, d) => (SCOPES.includes(d.scope) ? t(`diag.scope.${d.scope as 'chain'}`) : v) },
          { title: t('mat.profile.status'), dataIndex: 'statusLabel', width: 120, render: (v: string, d) => <Tag color={d.status === 'paid' || d.status === 'accepted' ? 'success' : d.status === 'cancelled' ? 'default' : 'processing'}>{STATUSES.includes(d.status) ? t(`diag.status.${d.status as 'paid'}`) : v}</Tag> },
          { title: t('mat.profile.provider'), dataIndex: 'providerName', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}

// ---- recording an older result ----

interface LegacyValues { instrumentId: 'miit-sme-2022' | 'gbt39116-2020'; assessedOn: string; totalScore?: string; level?: number; domains?: Record<string, string> }

function LegacyModal({ enterpriseId, open, onClose }: { enterpriseId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { date } = useBusinessDate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LegacyValues>();
  const instrumentId = Form.useWatch('instrumentId', form) ?? 'miit-sme-2022';
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const cmmm = useQuery({ queryKey: ['maturity-instrument', 'gbt39116-2020'], queryFn: () => api.get<CmmmInstrument>('/maturity/instruments/gbt39116-2020'), staleTime: Infinity, enabled: open });
  const sme2022 = useQuery({ queryKey: ['maturity-instrument', 'miit-sme-2022'], queryFn: () => api.get<Sme2022Instrument>('/maturity/instruments/miit-sme-2022'), staleTime: Infinity, enabled: open });
  const submit = async () => {
    let v: LegacyValues;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      const domainScores = Object.fromEntries(Object.entries(v.domains ?? {}).filter(([, s]) => typeof s === 'string' && s.trim() !== '').map(([k, s]) => [k, s.trim()]));
      await api.post('/maturity/legacy', v.instrumentId === 'miit-sme-2022'
        ? { enterpriseId, instrumentId: v.instrumentId, assessedOn: v.assessedOn, totalScore: v.totalScore?.trim() }
        : { enterpriseId, instrumentId: v.instrumentId, assessedOn: v.assessedOn, cmmm: { level: v.level, domainScores } });
      message.success(t('mat.legacy.recorded'));
      await queryClient.invalidateQueries({ queryKey: ['digital-profile'] });
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.field) {
        const f = e.field.startsWith('domainScores.') ? ['domains', e.field.slice('domainScores.'.length)] : e.field === 'level' ? 'level' : e.field === 'totalScore' || e.field === 'assessedOn' ? e.field : null;
        if (f) form.setFields([{ name: f as never, errors: [errorMessage(e)] }]);
      }
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={t('mat.legacy.title')} okText={t('mat.legacy.ok')} cancelText={t('common.cancel')} width={760} destroyOnHidden
      okButtonProps={{ loading: saving, ...{ 'data-testid': 'legacy-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      <div data-testid="legacy-form">
        <Typography.Paragraph type="secondary">{t('mat.legacy.help')}</Typography.Paragraph>
        {error ? <ErrorAlert error={error} title={t('mat.refused')} /> : null}
        <Form<LegacyValues> form={form} layout="vertical" preserve={false} initialValues={{ instrumentId: 'miit-sme-2022', level: 1 }}>
          <Row gutter={12}>
            <Col xs={24} md={14}>
              <Form.Item name="instrumentId" label={t('mat.legacy.instrument')}>
                <Radio.Group optionType="button" options={[{ value: 'miit-sme-2022', label: t('mat.instrument.2022') }, { value: 'gbt39116-2020', label: t('mat.instrument.cmmmShort') }]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="assessedOn" label={t('mat.assessedOn')} rules={[{ required: true, message: t('prov.dateRequired') }]}>
                <DateInput max={date} testId="legacy-date" />
              </Form.Item>
            </Col>
          </Row>
          {instrumentId === 'miit-sme-2022' ? (
            <>
              <Form.Item name="totalScore" label={t('mat.legacy.total')} extra={t('mat.legacy.totalHelp')}
                rules={[{ required: true, pattern: /^(\d{1,2}(\.\d{1,2})?|100(\.0{1,2})?)$/, message: t('mat.legacy.totalRule') }]}>
                <Input style={{ width: 160 }} suffix={t('mat.pointsUnit')} data-testid="legacy-total" />
              </Form.Item>
              {sme2022.data ? (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {sme2022.data.bands.levels.map((b) => `${b.label} ${hundredths(b.minHundredths)}${b.maxHundredths === null ? '+' : `–${hundredths(b.maxHundredths)}`}`).join(';')}({sme2022.data.boundary.reading})
                </Typography.Paragraph>
              ) : null}
            </>
          ) : (
            <>
              <Form.Item name="level" label={t('mat.legacy.cmmmLevel')} rules={[{ required: true, message: t('mat.legacy.levelRequired') }]}>
                <Select style={{ width: 260 }} options={[
                  { value: 0, label: `0 ${cmmm.data?.levels.belowLabel ?? ''}` },
                  ...(cmmm.data?.levels.items ?? []).map((l) => ({ value: l.level, label: `${l.level} ${l.name}` })),
                ]} data-testid="legacy-level" />
              </Form.Item>
              <div className="zgsz-label">{t('mat.legacy.domains')}</div>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('mat.legacy.domainsHelp')}</Typography.Paragraph>
              {(cmmm.data?.elements ?? []).map((e) => (
                <div key={e.id} style={{ marginBottom: 4 }}>
                  <Typography.Text strong style={{ fontSize: 13 }}>{e.name}</Typography.Text>
                  <Row gutter={8}>
                    {e.domains.map((d) => (
                      <Col key={d.id} xs={12} md={8}>
                        <Form.Item name={['domains', d.id]} label={d.name} style={{ marginBottom: 8 }}
                          rules={[{ pattern: /^([0-4](\.\d{1,2})?|5(\.0{1,2})?)$/, message: t('mat.legacy.domainRule') }]}>
                          <Input size="small" placeholder="0–5" data-testid={`legacy-domain-${d.id}`} />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </div>
              ))}
            </>
          )}
        </Form>
      </div>
    </Modal>
  );
}

