// 服务商评价: each admitted provider's figures from the platform's own records — diagnoses finished
// and on time, the supervisors' findings (issues, payment stops), the enterprises' satisfaction and
// 诊改联动 conversion — with the standing the figures propose. The thresholds are platform settings
// without a source text (UNCONFIRMED), so a proposal is a hint an officer confirms on the provider's
// page; a provider sees only its own row (the API filters).
import { InfoCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-providers.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { type City, type Standing, StandingTag } from './ProviderPoolPage.tsx';

type ProposalAction = 'none' | 'star' | 'warn' | 'suspend';

interface ScorecardRow {
  id: string; name: string; standing: Standing;
  total: number; finished: number; onTime: number; issues: number; stops: number; satisfactionSum: number; rated: number;
  accepted: number; applied: number; funded: number;
  onTimeRate: string; satisfaction: string | null; conversionRate: string;
  proposal: { action: ProposalAction; reason: string };
}

interface Scorecards {
  settings: {
    confidence: string; source: string; minFinished: number; onTimeWarnPermille: number; satisfactionWarnTenths: number;
    stopsSuspend: number; starOnTimePermille: number; starSatisfactionTenths: number;
  };
  providers: ScorecardRow[];
}

const PROPOSAL_COLOR: Record<ProposalAction, string> = { none: 'default', star: 'gold', warn: 'warning', suspend: 'error' };

/** 600‰ → "60%", 45 tenths → "4.5": integer arithmetic only. */
const permille = (n: number) => `${Math.trunc(n / 10)}${n % 10 ? `.${n % 10}` : ''}%`;
const tenths = (n: number) => `${Math.trunc(n / 10)}.${n % 10}`;

export default function ScorecardPage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { date } = useBusinessDate();
  const now = Number(date.slice(0, 4));
  const years = Array.from({ length: Math.max(1, now - 2021 + 1) }, (_, i) => now - i);
  const [year, setYear] = useState<number | 'all'>(now);
  const [city, setCity] = useState<City | undefined>(user.role === 'region_officer' && user.regionId ? (user.regionId.startsWith('sz-') ? 'suzhou' : 'yangzhou') : undefined);
  const [months, setMonths] = useState(12);
  const query = useQuery({
    queryKey: ['provider-scorecards', year, city, months],
    queryFn: () => api.get<Scorecards>('/providers/scorecards', { year: year === 'all' ? undefined : year, city, months }),
  });
  const s = query.data?.settings;
  const manage = can(user.role, 'providers.manage');

  const columns: ColumnsType<ScorecardRow> = [
    {
      title: t('prov.sc.provider'), dataIndex: 'name', width: 230, fixed: 'left',
      render: (v: string, r) => <span><Link to={`/providers/${r.id}`}>{v}</Link><span style={{ display: 'block' }}><StandingTag org={{ standing: r.standing, standingReason: null, rectifyBy: null }} /></span></span>,
    },
    {
      title: t('prov.sc.finished'), key: 'finished', width: 110, align: 'right',
      render: (_, r) => <Tooltip title={t('prov.sc.finishedTip', { total: r.total, finished: r.finished })}><span>{r.finished} / {r.total}</span></Tooltip>,
    },
    {
      title: t('prov.sc.onTime'), dataIndex: 'onTimeRate', width: 110, align: 'right',
      render: (v: string, r) => (r.finished ? <Tooltip title={t('prov.sc.onTimeTip', { onTime: r.onTime, finished: r.finished })}><span>{v}</span></Tooltip> : '—'),
    },
    {
      title: t('prov.sc.findings'), key: 'findings', width: 140,
      render: (_, r) => (
        <Space size={4}>
          <Tag color={r.issues ? 'orange' : 'default'}>{t('prov.sc.issues', { n: r.issues })}</Tag>
          <Tag color={r.stops ? 'red' : 'default'}>{t('prov.sc.stops', { n: r.stops })}</Tag>
        </Space>
      ),
    },
    {
      title: t('prov.sc.satisfaction'), dataIndex: 'satisfaction', width: 110, align: 'right',
      render: (v: string | null, r) => (v ? <Tooltip title={t('prov.sc.ratedTip', { n: r.rated })}><span>{v} / 5</span></Tooltip> : <Typography.Text type="secondary">{t('prov.sc.unrated')}</Typography.Text>),
    },
    {
      title: t('prov.sc.conversion'), dataIndex: 'conversionRate', width: 130, align: 'right',
      render: (v: string, r) => (r.accepted ? <Tooltip title={t('prov.sc.conversionTip', { accepted: r.accepted, applied: r.applied, funded: r.funded, months })}><span>{v}</span></Tooltip> : '—'),
    },
    {
      title: t('prov.sc.proposal'), key: 'proposal', width: 320,
      render: (_, r) => (
        <span data-testid={`proposal-${r.id}`}>
          <Tag color={PROPOSAL_COLOR[r.proposal.action]}>{t(`prov.sc.action.${r.proposal.action}`)}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.proposal.reason}</Typography.Text>
          {manage && (r.proposal.action === 'warn' || r.proposal.action === 'suspend') ? (
            <Link to={`/providers/${r.id}`} style={{ marginLeft: 6, fontSize: 12 }}>{t('prov.sc.decide')}</Link>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <div className="zgsz-page" data-testid="scorecards">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('prov.sc.title')}</Typography.Title>
        <Space wrap>
          <span>{t('prov.sc.year')}</span>
          <Select value={year} style={{ width: 110 }} onChange={setYear} data-testid="sc-year"
            options={[...years.map((y) => ({ value: y, label: String(y) })), { value: 'all' as const, label: t('prov.sc.allYears') }]} />
          <Select allowClear placeholder={t('prov.anyCity')} value={city} style={{ width: 110 }} onChange={setCity} data-testid="sc-city"
            options={[{ value: 'yangzhou', label: t('city.yangzhou') }, { value: 'suzhou', label: t('city.suzhou') }]} />
          <Tooltip title={t('prov.sc.monthsTip')}>
            <Select value={months} style={{ width: 150 }} onChange={setMonths}
              options={[6, 12, 18, 24].map((m) => ({ value: m, label: t('prov.sc.months', { n: m }) }))} />
          </Tooltip>
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>{t('common.refresh')}</Button>
        </Space>
      </div>
      <Alert
        type="warning" showIcon icon={<InfoCircleOutlined />} style={{ marginBottom: 12 }} data-testid="sc-settings"
        title={t('prov.sc.unconfirmed')}
        description={s ? (
          <div>
            <div>{s.source}</div>
            <ul className="zgsz-problems" style={{ marginTop: 4 }}>
              <li>{t('prov.sc.rule.min', { n: s.minFinished })}</li>
              <li>{t('prov.sc.rule.warn', { onTime: permille(s.onTimeWarnPermille), satisfaction: tenths(s.satisfactionWarnTenths) })}</li>
              <li>{t('prov.sc.rule.suspend', { n: s.stopsSuspend })}</li>
              <li>{t('prov.sc.rule.star', { onTime: permille(s.starOnTimePermille), satisfaction: tenths(s.starSatisfactionTenths) })}</li>
            </ul>
            <div style={{ marginTop: 4 }}>{t('prov.sc.hintOnly')}</div>
          </div>
        ) : null}
      />
      {user.role === 'provider' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('prov.sc.ownOnly')} /> : null}
      <Card size="small">
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        <Table<ScorecardRow>
          rowKey="id" size="small" columns={columns} dataSource={query.data?.providers ?? []} loading={query.isPending} pagination={false} scroll={{ x: 1150 }}
          rowClassName={(r) => (r.proposal.action === 'suspend' || r.proposal.action === 'warn' ? 'zgsz-row-warning' : '')}
          locale={{ emptyText: t('prov.sc.empty') }} data-testid="sc-table"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('prov.sc.legend')}</Typography.Text>
      </Card>
    </div>
  );
}
