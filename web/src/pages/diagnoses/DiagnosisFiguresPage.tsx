// 诊断统计 for the city and the regions, from the platform's own records (GET /diagnoses/figures):
// each region's 数字画像 count (附件2 核查内容1: a diagnosis counts once accepted with 合作协议, 采购合同
// and 诊断报告 on file), 诊改联动 (实施意见 二(五): of the diagnoses accepted, how many enterprises
// applied for a 智能化改造 subsidy within N months and how many were funded) by provider and by
// region, 苏州's (六) 顾问咨询 and (七) 数据采集 against their yearly figure of 1000, and the quotas.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Progress, Row, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { CHART_COLORS, type ChartOption, EChart } from '../../components/EChart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatCount, percentOf } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-diagnoses.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { QuotaCard } from './QuotaCard.tsx';
import type { City } from './shared.tsx';

interface Rate { key: string; label: string; diagnoses: number; applied: number; funded: number; appliedRate: string; fundedRate: string }
interface Figures {
  year: number; months: number;
  portraits: { regionId: string; regionName: string; counted: number; incomplete: number; inProgress: number }[];
  conversion: { total: Omit<Rate, 'key' | 'label'>; byProvider: Rate[]; byRegion: Rate[] };
  services: {
    consultations: { count: number; goal: number; clause: string; quote: string };
    dataCollection: { enterprises: number; goal: number; clause: string; quote: string };
    byProvider: { kind: 'consultation' | 'data_collection'; orgId: string; orgName: string; count: number; enterprises: number }[];
  } | null;
}

const MONTHS = [6, 12, 18, 24, 36];
const AXIS_LABEL = { color: '#555', fontSize: 12 };

export default function DiagnosisFiguresPage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { date } = useBusinessDate();
  const thisYear = Number(date.slice(0, 4));
  const years = Array.from({ length: Math.max(1, thisYear - 2021 + 2) }, (_, i) => thisYear + 1 - i);
  const [year, setYear] = useState<number | undefined>();
  const [city, setCity] = useState<City | undefined>();
  const [months, setMonths] = useState(12);
  const y = year ?? thisYear;
  const cityWide = user.role !== 'region_officer' && !user.regionId;
  const query = useQuery({
    queryKey: ['diagnoses', 'figures', y, city ?? 'all', months],
    queryFn: () => api.get<Figures>('/diagnoses/figures', { year: y, city, months }),
  });
  const f = query.data;
  const sum = (k: 'counted' | 'incomplete' | 'inProgress') => f?.portraits.reduce((s, r) => s + r[k], 0) ?? 0;

  return (
    <div className="zgsz-page" data-testid="diagnosis-figures">
      <div className="zgsz-page-head">
        <Space>
          <Typography.Title level={4}>{t('diag.fig.title')}</Typography.Title>
          <Typography.Text type="secondary">{cityWide ? t('diag.fig.scopeCity') : t('diag.fig.scopeRegion')}</Typography.Text>
        </Space>
        <Space wrap>
          <span>{t('diag.fig.year')}</span>
          <Select value={y} style={{ width: 100 }} onChange={setYear} options={years.map((v) => ({ value: v, label: String(v) }))} data-testid="figures-year" />
          {cityWide ? (
            <Select allowClear placeholder={t('diag.anyCity')} value={city} style={{ width: 120 }} onChange={setCity} data-testid="figures-city"
              options={[{ value: 'yangzhou', label: t('city.yangzhou') }, { value: 'suzhou', label: t('city.suzhou') }]} />
          ) : null}
        </Space>
      </div>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {([
          ['counted', sum('counted'), 'diag.fig.kpi.counted'],
          ['incomplete', sum('incomplete'), 'diag.fig.kpi.incomplete'],
          ['inProgress', sum('inProgress'), 'diag.fig.kpi.inProgress'],
          ['conversion', f?.conversion.total.appliedRate ?? '—', 'diag.fig.kpi.conversion'],
        ] as const).map(([k, value, label]) => (
          <Col xs={12} md={6} key={k}>
            <Card size="small" className="zgsz-kpi">
              <Statistic title={t(label, { months })} value={value} loading={query.isPending} data-testid={`fig-kpi-${k}`}
                styles={k === 'incomplete' && Number(value) > 0 ? { content: { color: '#d4380d' } } : undefined} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={12}>
        <Col xs={24} xl={10}>
          <PortraitCard figures={f} loading={query.isPending} />
        </Col>
        <Col xs={24} xl={14}>
          <ConversionCard figures={f} loading={query.isPending} months={months} onMonths={setMonths} />
        </Col>
      </Row>
      {f?.services && cityWide && city !== 'yangzhou' ? <ServicesCard services={f.services} /> : null}
      <div style={{ marginTop: 12 }}>
        <QuotaCard year={y} city={city} years={years} editable={false} />
      </div>
    </div>
  );
}

function PortraitCard({ figures: f, loading }: { figures: Figures | undefined; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('diag.fig.portraits')} data-testid="figures-portraits" style={{ marginBottom: 12 }}>
      <blockquote className="zgsz-quote" style={{ marginTop: 0 }}>{t('diag.fig.portraitRule')}<span className="zgsz-quote-clause">——{t('diag.fig.portraitClause')}</span></blockquote>
      {loading ? <Skeleton active /> : (
        <Table
          size="small" rowKey="regionId" pagination={false} dataSource={f?.portraits ?? []}
          locale={{ emptyText: t('diag.fig.noPortraits') }}
          columns={[
            { title: t('diag.field.region'), dataIndex: 'regionName' },
            { title: t('diag.fig.counted'), dataIndex: 'counted', width: 90, align: 'right', render: (v: number) => <b>{v}</b> },
            {
              title: t('diag.fig.incomplete'), dataIndex: 'incomplete', width: 110, align: 'right',
              render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v),
            },
            { title: t('diag.fig.inProgress'), dataIndex: 'inProgress', width: 90, align: 'right' },
          ]}
          summary={(rows) => (rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><b>{t('diag.fig.total')}</b></Table.Summary.Cell>
              {(['counted', 'incomplete', 'inProgress'] as const).map((k, i) => (
                <Table.Summary.Cell index={i + 1} key={k} align="right"><b>{rows.reduce((s, r) => s + r[k], 0)}</b></Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null)}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('diag.fig.portraitLegend')}</Typography.Text>
    </Card>
  );
}

function ConversionCard({ figures: f, loading, months, onMonths }: { figures: Figures | undefined; loading: boolean; months: number; onMonths: (m: number) => void }) {
  const { t } = useI18n();
  const providers = useMemo(() => f?.conversion.byProvider ?? [], [f]);
  const option: ChartOption = useMemo(() => ({
    color: [CHART_COLORS[0], CHART_COLORS[2], CHART_COLORS[3]],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    yAxis: { type: 'category', data: providers.map((p) => p.label), axisLabel: { ...AXIS_LABEL, width: 180, overflow: 'truncate' } },
    series: [
      { name: t('diag.fig.accepted'), type: 'bar', data: providers.map((p) => p.diagnoses), barMaxWidth: 16 },
      { name: t('diag.fig.applied'), type: 'bar', data: providers.map((p) => p.applied), barMaxWidth: 16 },
      { name: t('diag.fig.funded'), type: 'bar', data: providers.map((p) => p.funded), barMaxWidth: 16 },
    ],
  }), [providers, t]);
  const total = f?.conversion.total;
  return (
    <Card
      size="small" style={{ marginBottom: 12 }} data-testid="figures-conversion" title={t('diag.fig.conversion')}
      extra={(
        <Space size={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('diag.fig.within')}</Typography.Text>
          <Select size="small" value={months} onChange={onMonths} style={{ width: 112 }} data-testid="figures-months"
            options={MONTHS.map((m) => ({ value: m, label: t('diag.fig.monthsN', { n: m }) }))} />
        </Space>
      )}
    >
      <blockquote className="zgsz-quote" style={{ marginTop: 0 }}>{t('diag.fig.conversionRule', { months })}<span className="zgsz-quote-clause">——{t('diag.fig.conversionClause')}</span></blockquote>
      {loading || !total ? <Skeleton active /> : (
        <>
          <Row gutter={[12, 8]} style={{ marginBottom: 8 }}>
            <Col span={6}><Statistic title={t('diag.fig.accepted')} value={formatCount(total.diagnoses)} /></Col>
            <Col span={6}><Statistic title={t('diag.fig.applied')} value={formatCount(total.applied)} /></Col>
            <Col span={6}><Statistic title={t('diag.fig.appliedRate')} value={total.appliedRate} data-testid="applied-rate" /></Col>
            <Col span={6}><Statistic title={t('diag.fig.fundedRate', { n: total.funded })} value={total.fundedRate} /></Col>
          </Row>
          {providers.length ? <EChart option={option} height={Math.max(150, 44 * providers.length + 60)} testId="chart-conversion-providers" />
            : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('diag.fig.noneAccepted')} />}
          <div className="zgsz-label" style={{ marginTop: 8 }}>{t('diag.fig.byRegion')}</div>
          <Table<Rate>
            size="small" rowKey="key" pagination={false} dataSource={f?.conversion.byRegion ?? []} locale={{ emptyText: t('diag.fig.noneAccepted') }}
            columns={[
              { title: t('diag.field.region'), dataIndex: 'label' },
              { title: t('diag.fig.accepted'), dataIndex: 'diagnoses', width: 90, align: 'right' },
              { title: t('diag.fig.appliedShort'), dataIndex: 'applied', width: 90, align: 'right' },
              { title: t('diag.fig.appliedRateShort'), dataIndex: 'appliedRate', width: 90, align: 'right' },
              { title: t('diag.fig.funded'), dataIndex: 'funded', width: 90, align: 'right' },
              { title: t('diag.fig.fundedRateShort'), dataIndex: 'fundedRate', width: 90, align: 'right' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function ServicesCard({ services: s }: { services: NonNullable<Figures['services']> }) {
  const { t } = useI18n();
  const items = [
    { key: 'consultation', title: t('diag.fig.consultations'), count: s.consultations.count, goal: s.consultations.goal, clause: s.consultations.clause, quote: s.consultations.quote, unit: t('diag.fig.times') },
    { key: 'data_collection', title: t('diag.fig.dataCollection'), count: s.dataCollection.enterprises, goal: s.dataCollection.goal, clause: s.dataCollection.clause, quote: s.dataCollection.quote, unit: t('diag.fig.enterprises') },
  ];
  return (
    <Card size="small" title={t('diag.fig.services')} data-testid="figures-services">
      <Row gutter={[16, 12]}>
        {items.map((i) => (
          <Col xs={24} md={12} key={i.key} data-testid={`service-${i.key}`}>
            <Space size={6} align="baseline">
              <Typography.Text strong>{i.title}</Typography.Text>
              <Typography.Text>{t('diag.fig.ofGoal', { count: formatCount(i.count), goal: formatCount(i.goal), unit: i.unit })}</Typography.Text>
            </Space>
            <Progress percent={percentOf(i.count, i.goal)} size="small" />
            <blockquote className="zgsz-quote" style={{ margin: '4px 0 0' }}>{i.quote}<span className="zgsz-quote-clause">——{t('diag.fig.suzhouClause', { clause: i.clause })}</span></blockquote>
          </Col>
        ))}
      </Row>
      <Table
        size="small" rowKey={(r) => `${r.kind}-${r.orgId}`} pagination={false} dataSource={s.byProvider} style={{ marginTop: 12 }}
        locale={{ emptyText: t('diag.fig.noServices') }}
        columns={[
          { title: t('diag.col.provider'), dataIndex: 'orgName' },
          { title: t('diag.fig.serviceKind'), dataIndex: 'kind', width: 120, render: (k: 'consultation' | 'data_collection') => t(`diag.fig.kind.${k}`) },
          { title: t('diag.fig.count'), dataIndex: 'count', width: 90, align: 'right' },
          { title: t('diag.fig.enterprisesServed'), dataIndex: 'enterprises', width: 110, align: 'right' },
        ]}
      />
    </Card>
  );
}
