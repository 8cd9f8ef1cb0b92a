// 首页看板: charts a director reads at a glance, computed by the API over the enterprises the
// signed-in role may see (GET /dashboard/enterprise-stats).
import { useQuery } from '@tanstack/react-query';
import { InfoCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Skeleton, Space, Statistic, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Fund } from '../api/applications.ts';
import { useBusinessDate } from '../lib/health.ts';
import { lazy, useMemo } from 'react';
import { api } from '../api/client.ts';
import type { EnterpriseStats } from '../api/types.ts';
import { CHART_COLORS, type ChartOption, EChart } from '../components/EChart.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { can } from '../lib/access.ts';
import { fenToDecimal, formatCount } from '../lib/format.ts';
import { type Translate, useI18n } from '../lib/i18n.tsx';
import { CERTIFICATION_KINDS, certKindLabel, certLevelLabel, chainLabel } from '../lib/labels.ts';
import { useRegions } from '../lib/regions.ts';
import { useSignedIn } from '../lib/session.tsx';
import { PlanCard } from './plan/PlanCard.tsx';

// Each role's home loads on its own (the route's Suspense shows the spinner meanwhile), so the
// director's does not carry the 责任单位's report forms or finance's payment forms and date picker.
const DepartmentHome = lazy(() => import('./plan/DepartmentHome.tsx').then((m) => ({ default: m.DepartmentHome })));
const DirectorHome = lazy(() => import('./home/DirectorHome.tsx').then((m) => ({ default: m.DirectorHome })));
const FinanceHome = lazy(() => import('./home/FinanceHome.tsx').then((m) => ({ default: m.FinanceHome })));
const RegionHome = lazy(() => import('./home/RegionHome.tsx').then((m) => ({ default: m.RegionHome })));
// Only a provider's (or a role without the file's) welcome shows a Result.
const Result = lazy(() => import('antd/es/result'));

const AXIS_LABEL = { color: '#555', fontSize: 12 };

export default function DashboardPage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  // A 责任单位's home is its own indicators of the ten actions.
  if (user.role === 'department') return <DepartmentHome />;
  if (!can(user.role, 'enterprises.read')) {
    // A provider's home is its diagnosis tasks.
    const tasks = can(user.role, 'diagnoses.read');
    return (
      <Card data-testid="dashboard">
        <Result status="info" title={t('dashboard.welcome')} subTitle={tasks ? t('dashboard.providerHome') : t('dashboard.noData')}
          extra={tasks ? <Button type="primary" onClick={() => navigate('/diagnoses')}>{t('menu.providerTasks')}</Button> : null} />
      </Card>
    );
  }
  // The officers' homes (web/src/pages/home): the city's, a region's, finance's; the enterprise-file
  // overview below the city's and a region's own figures.
  if (user.role === 'city_admin' || user.role === 'city_reviewer') return <DirectorHome overview={<EnterpriseDashboard embedded />} />;
  if (user.role === 'region_officer') return <RegionHome overview={<EnterpriseDashboard embedded />} />;
  if (user.role === 'finance') return <FinanceHome />;
  return <EnterpriseDashboard />;
}

/** `embedded`: the enterprise-file overview inside an officer's home (no page title; funds are the home's). */
function EnterpriseDashboard({ embedded = false }: { embedded?: boolean }) {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const { name: regionName } = useRegions();
  const query = useQuery({ queryKey: ['dashboard', 'enterprise-stats'], queryFn: () => api.get<EnterpriseStats>('/dashboard/enterprise-stats') });
  const stats = query.data;

  const options = useMemo(() => (stats ? chartOptions(stats, t, lang) : null), [stats, t, lang]);
  const scope = user.role === 'enterprise' ? t('dashboard.scopeEnterprise') : user.regionId ? t('dashboard.scopeRegion', { region: regionName(user.regionId) }) : t('dashboard.scopeAll');

  return (
    <div className={embedded ? undefined : 'zgsz-page'} data-testid={embedded ? 'dashboard-overview' : 'dashboard'}>
      <div className="zgsz-page-head">
        {embedded ? null : <Typography.Title level={4}>{t('dashboard.title')}</Typography.Title>}
        <Typography.Text type="secondary">{scope}</Typography.Text>
      </div>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Row gutter={[12, 12]}>
        {[
          { key: 'total', label: t('dashboard.total'), value: stats?.total },
          // Enterprises on the platform's file, not the assessment's reported 规上企业总数.
          { key: 'above', label: t('dashboard.aboveScale'), value: stats?.aboveScale, hint: t('dashboard.aboveScaleHint') },
          { key: 'below', label: t('dashboard.belowScale'), value: stats?.belowScale },
          { key: 'certified', label: t('dashboard.certified'), value: stats?.certified },
        ].map((s) => (
          <Col xs={12} md={6} key={s.key}>
            <Card size="small" className="zgsz-kpi">
              <Statistic
                title={s.hint ? <Space size={4}><span data-testid={`kpi-${s.key}-label`}>{s.label}</span><Tooltip title={s.hint}><InfoCircleOutlined style={{ color: '#888' }} /></Tooltip></Space> : s.label}
                value={s.value ?? 0} loading={query.isPending} formatter={(v) => formatCount(Number(v))}
                suffix={t('common.unit.enterprises')} data-testid={`kpi-${s.key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={16}>
          <ChartCard title={t('dashboard.byRegion')} loading={query.isPending} empty={!stats?.regions.length} option={options?.regions} testId="chart-regions" />
        </Col>
        <Col xs={24} xl={8}>
          <ChartCard title={t('dashboard.scaleShare')} loading={query.isPending} empty={!stats?.total} option={options?.scale} testId="chart-scale" />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('dashboard.byCertification')} loading={query.isPending} empty={!stats?.certifications.length} option={options?.certifications} testId="chart-certifications" />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('dashboard.byChain')} loading={query.isPending} empty={!stats?.chains.length} option={options?.chains} testId="chart-chains" />
        </Col>
        {can(user.role, 'funds.read') && !embedded ? <Col xs={24}><FundUseCard /></Col> : null}
        {can(user.role, 'diagnoses.read') && user.role !== 'enterprise' ? <Col xs={24}><DiagnosisCard /></Col> : null}
        {can(user.role, 'plan.read') ? <PlanCard /> : null}
      </Row>
    </div>
  );
}

/** The year's funds at a glance: paid, committed but not yet paid, and what is left, per fund. */
function FundUseCard() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { date } = useBusinessDate();
  const year = Number((date || '').slice(0, 4)) || new Date().getFullYear();
  const query = useQuery({ queryKey: ['funds', 'dashboard', year], queryFn: () => api.get<Fund[]>(`/funds?year=${year}`) });
  const funds = query.data ?? [];
  const wan = (fen: number) => Number(fenToDecimal(fen, '万元'));
  const option: ChartOption = {
    color: [CHART_COLORS[2], CHART_COLORS[0], '#d9d9d9'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${String(v)} 万元` },
    legend: { top: 0 },
    grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '万元', axisLabel: AXIS_LABEL },
    yAxis: { type: 'category', data: funds.map((f) => (f.floorWarning ? `${f.name}(${t('dashboard.funds.floor')})` : f.name)), axisLabel: AXIS_LABEL },
    series: [
      { name: t('dashboard.funds.disbursed'), type: 'bar', stack: 'f', data: funds.map((f) => wan(f.disbursedFen)), barMaxWidth: 22 },
      { name: t('dashboard.funds.committed'), type: 'bar', stack: 'f', data: funds.map((f) => wan(f.committedFen - f.disbursedFen)), barMaxWidth: 22 },
      { name: t('dashboard.funds.remaining'), type: 'bar', stack: 'f', data: funds.map((f) => wan(f.remainingFen)), barMaxWidth: 22 },
    ],
  };
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Card size="small" title={t('dashboard.funds', { year })} className="zgsz-chart-card"
      extra={<Button type="link" size="small" onClick={() => navigate('/reports')}>{t('dashboard.funds.more')}</Button>}>
      {query.isPending ? <Skeleton active paragraph={{ rows: 4 }} />
        : !funds.length ? <Empty description={t('common.empty')} />
          : <EChart option={option} height={Math.max(160, 44 * funds.length + 60)} testId="chart-funds" />}
    </Card>
  );
}

interface DiagnosisFigures {
  year: number; months: number;
  portraits: { regionId: string; regionName: string; counted: number; incomplete: number; inProgress: number }[];
  conversion: {
    total: { diagnoses: number; applied: number; funded: number; appliedRate: string; fundedRate: string };
    byProvider: { key: string; label: string; diagnoses: number; applied: number; funded: number; appliedRate: string }[];
  };
  services: { consultations: { count: number; goal: number }; dataCollection: { enterprises: number; goal: number } } | null;
}

/** Diagnosis at a glance: the year's 数字画像 (附件2 核查内容1), 诊改联动 conversion, 苏州 (六)(七) services. */
function DiagnosisCard() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { date } = useBusinessDate();
  const year = Number((date || '').slice(0, 4)) || new Date().getFullYear();
  const query = useQuery({ queryKey: ['diagnoses', 'figures', 'dashboard', year], queryFn: () => api.get<DiagnosisFigures>(`/diagnoses/figures?year=${year}`) });
  const f = query.data;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const counted = f?.portraits.reduce((s, r) => s + r.counted, 0) ?? 0;
  const inProgress = f?.portraits.reduce((s, r) => s + r.inProgress, 0) ?? 0;
  const providers = f?.conversion.byProvider ?? [];
  const option: ChartOption = {
    color: [CHART_COLORS[0], CHART_COLORS[2]],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    yAxis: { type: 'category', data: providers.map((p) => p.label), axisLabel: AXIS_LABEL },
    series: [
      { name: t('dashboard.diag.accepted'), type: 'bar', data: providers.map((p) => p.diagnoses), barMaxWidth: 20 },
      { name: t('dashboard.diag.applied'), type: 'bar', data: providers.map((p) => p.applied), barMaxWidth: 20 },
    ],
  };
  const kpis = [
    { key: 'portraits', label: t('dashboard.diag.portraits'), value: String(counted) },
    { key: 'progress', label: t('dashboard.diag.inProgress'), value: String(inProgress) },
    { key: 'conversion', label: t('dashboard.diag.conversion', { months: f?.months ?? 12 }), value: f?.conversion.total.appliedRate ?? '—' },
    ...(f?.services ? [
      { key: 'consult', label: t('dashboard.diag.consultations'), value: `${f.services.consultations.count} / ${f.services.consultations.goal}` },
      { key: 'collect', label: t('dashboard.diag.dataCollection'), value: `${f.services.dataCollection.enterprises} / ${f.services.dataCollection.goal}` },
    ] : []),
  ];
  return (
    <Card size="small" title={t('dashboard.diag.title', { year })} className="zgsz-chart-card" data-testid="dashboard-diagnosis"
      extra={<Button type="link" size="small" onClick={() => navigate('/diagnoses/figures')}>{t('menu.diagnosisFigures')}</Button>}>
      {query.isPending ? <Skeleton active paragraph={{ rows: 4 }} /> : (
        <Row gutter={[12, 12]}>
          {kpis.map((k) => (
            <Col xs={12} md={kpis.length > 3 ? 4 : 8} key={k.key}>
              <Statistic title={k.label} value={k.value} data-testid={`kpi-diag-${k.key}`} />
            </Col>
          ))}
          <Col xs={24}>
            {providers.length ? <EChart option={option} height={Math.max(140, 40 * providers.length + 60)} testId="chart-conversion" />
              : <Typography.Text type="secondary">{t('dashboard.diag.noneAccepted')}</Typography.Text>}
          </Col>
        </Row>
      )}
    </Card>
  );
}

function ChartCard({ title, loading, empty, option, testId }: { title: string; loading: boolean; empty: boolean; option: ChartOption | undefined; testId: string }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title} className="zgsz-chart-card">
      {loading ? <Skeleton active paragraph={{ rows: 6 }} />
        : empty || !option ? <Empty description={t('common.empty')} style={{ height: 300, paddingTop: 80 }} />
          : <EChart option={option} height={320} testId={testId} />}
    </Card>
  );
}

function chartOptions(stats: EnterpriseStats, t: Translate, lang: 'zh' | 'en') {
  const tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } };
  const regions: ChartOption = {
    color: [...CHART_COLORS],
    tooltip,
    // Centred, clear of the canvas edge: at the right edge the last legend entry was clipped (其中规.).
    legend: { top: 0, left: 'center' },
    grid: { left: 40, right: 12, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: stats.regions.map((r) => r.regionName), axisLabel: { ...AXIS_LABEL, interval: 0, rotate: stats.regions.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    series: [
      { name: t('dashboard.series.total'), type: 'bar', data: stats.regions.map((r) => r.total), barMaxWidth: 28, label: { show: stats.regions.length <= 12, position: 'top' } },
      { name: t('dashboard.series.aboveScale'), type: 'bar', data: stats.regions.map((r) => r.aboveScale), barMaxWidth: 28 },
    ],
  };

  const scale: ChartOption = {
    color: [CHART_COLORS[0], CHART_COLORS[2]],
    tooltip: { trigger: 'item', formatter: '{b}:{c}({d}%)' },
    legend: { bottom: 0, formatter: (name: string) => `${name} ${formatCount(name === t('dashboard.aboveScale') ? stats.aboveScale : stats.belowScale)}` },
    series: [{
      type: 'pie', radius: ['32%', '70%'], center: ['50%', '46%'],
      label: { position: 'inside', formatter: '{c}\n{d}%', color: '#fff', fontSize: 13, lineHeight: 16 },
      data: [
        { name: t('dashboard.aboveScale'), value: stats.aboveScale },
        { name: t('dashboard.belowScale'), value: stats.belowScale },
      ],
    }],
  };

  // One category per kind and level, in the order the rules list them; one series per kind so
  // the legend names the kinds.
  const kinds = Object.keys(CERTIFICATION_KINDS) as (keyof typeof CERTIFICATION_KINDS)[];
  const categories: { kind: string; level: string }[] = [];
  for (const kind of kinds) for (const level of CERTIFICATION_KINDS[kind].levels) categories.push({ kind, level });
  for (const c of stats.certifications) if (!categories.some((x) => x.kind === c.kind && x.level === c.level)) categories.push(c);
  const count = (kind: string, level: string) => stats.certifications.find((c) => c.kind === kind && c.level === level)?.enterprises ?? 0;
  const certifications: ChartOption = {
    color: [CHART_COLORS[0], CHART_COLORS[3], CHART_COLORS[2]],
    tooltip,
    legend: { top: 0 },
    // The English kind names wrap the legend to two lines: give them the room, and tilt the longer
    // level names (National, Provincial, Municipal) so they do not run into each other.
    grid: { left: 40, right: 12, top: lang === 'en' ? 64 : 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories.map((c) => certLevelLabel(c.kind, c.level, t)), axisLabel: { ...AXIS_LABEL, interval: 0, rotate: lang === 'en' ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    series: kinds.map((kind) => ({
      name: certKindLabel(kind, t), type: 'bar', stack: 'kind', barMaxWidth: 32,
      label: { show: true, position: 'top', formatter: (p: { value: number | null }) => (p.value ? String(p.value) : '') },
      data: categories.map((c) => (c.kind === kind ? count(c.kind, c.level) : null)),
    })),
  };

  const sortedChains = [...stats.chains].sort((a, b) => a.enterprises - b.enterprises);
  const chains: ChartOption = {
    color: [CHART_COLORS[1]],
    tooltip,
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    yAxis: { type: 'category', data: sortedChains.map((c) => chainLabel(c.chain, lang)), axisLabel: AXIS_LABEL },
    series: [{ name: t('dashboard.series.total'), type: 'bar', data: sortedChains.map((c) => c.enterprises), barMaxWidth: 18, label: { show: true, position: 'right' } }],
  };
  return { regions, scale, certifications, chains };
}
