// 诊断服务: one list for every role, scoped by the API — a provider sees its own tasks (诊断任务, open
// ones first by deadline), a supervisor those it supervises (监理任务), an enterprise its own, a
// region officer its region, the city all. A deadline passed (on the business date) before the
// report is in shows red. The city and the regions also get the 派单看板: the requests waiting for a
// provider, with the year's quota use and (for whoever may) the form to set a region's own quota.
// Enterprises ask for a diagnosis here; officers arrange one for an enterprise.
import { PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatCount, formatMoney } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { type MessageKey, useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-diagnoses.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { DispatchModal } from './DispatchModal.tsx';
import { QuotaCard } from './QuotaCard.tsx';
import { RequestModal } from './RequestModal.tsx';
import {
  abilities, type City, type Diagnosis, DIAGNOSIS_STATUSES, DiagnosisStatusTag, type Funding, FundingTag, isOverdue, OPEN_WORK, scopeLabel,
} from './shared.tsx';

const TITLES: Partial<Record<string, MessageKey>> = { provider: 'diag.titleProvider', supervisor: 'diag.titleSupervisor', enterprise: 'diag.titleEnterprise' };
const CITY_WIDE = ['city_admin', 'city_reviewer', 'finance'];

/** Open work first, by deadline; then what waits on others; finished last (a provider's and a supervisor's view). */
function byDeadline(a: Diagnosis, b: Diagnosis): number {
  const rank = (d: Diagnosis) => (OPEN_WORK.includes(d.status) ? 0 : d.status === 'reported' || d.status === 'accepted' ? 1 : 2);
  return rank(a) - rank(b) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.number.localeCompare(b.number);
}

export default function DiagnosisListPage() {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const { date } = useBusinessDate();
  const { name: regionName } = useRegions();
  const [params, setParams] = useSearchParams();
  const [requesting, setRequesting] = useState(false);
  const [dispatching, setDispatching] = useState<{ d: Diagnosis; funding: Funding } | null>(null);
  const role = user.role;
  const dispatcher = can(role, 'diagnoses.dispatch');
  const tab = dispatcher && params.get('tab') === 'board' ? 'board' : 'list';
  const filter = {
    city: (params.get('city') ?? undefined) as City | undefined,
    year: params.get('year') ? Number(params.get('year')) : undefined,
    status: params.get('status') ?? undefined,
  };
  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  const thisYear = Number(date.slice(0, 4));
  const years = Array.from({ length: Math.max(1, thisYear - 2021 + 2) }, (_, i) => thisYear + 1 - i);

  const query = useQuery({
    queryKey: ['diagnoses', 'list', filter],
    queryFn: () => api.get<Diagnosis[]>('/diagnoses', filter),
    placeholderData: keepPreviousData,
  });
  const board = useQuery({
    queryKey: ['diagnoses', 'list', { ...filter, status: 'requested' }], enabled: dispatcher,
    queryFn: () => api.get<Diagnosis[]>('/diagnoses', { ...filter, status: 'requested' }),
  });
  const worker = role === 'provider' || role === 'supervisor';
  const rows = worker ? [...(query.data ?? [])].sort(byDeadline) : query.data ?? [];

  const columns = (forBoard: boolean): ColumnsType<Diagnosis> => [
    {
      title: t('diag.col.number'), dataIndex: 'number', width: 156,
      render: (v: string, d) => <Link to={`/diagnoses/${d.id}`} className="zgsz-mono" data-testid={`open-${v}`}>{v}</Link>,
    },
    ...(role === 'enterprise' ? [] : [{
      title: t('diag.col.enterprise'), dataIndex: 'enterpriseName', width: forBoard ? 240 : 220,
      render: (v: string, d: Diagnosis) => <span>{v}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{regionName(d.regionId)}</Typography.Text></span>,
    }]),
    {
      title: t('diag.col.scope'), dataIndex: 'scope', width: 80,
      render: (_: unknown, d) => <span style={{ whiteSpace: 'nowrap' }}>{scopeLabel(d.scope, t)}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{d.year}</Typography.Text></span>,
    },
    ...(forBoard ? [
      { title: t('diag.field.funding'), dataIndex: 'funding', width: 110, render: (v: Funding) => <FundingTag funding={v} /> },
      { title: t('diag.field.need'), dataIndex: 'need', render: (v: string, d: Diagnosis) => <span>{v}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('diag.requestedBy', { name: d.requestedBy })}</Typography.Text></span> },
    ] : [
      { title: t('diag.col.status'), dataIndex: 'status', width: lang === 'en' ? 150 : 112, render: (_: unknown, d: Diagnosis) => <DiagnosisStatusTag status={d.status} /> },
      ...(role === 'provider' ? [] : [{ title: t('diag.col.provider'), dataIndex: 'providerName', width: 170, ellipsis: { showTitle: true }, render: (v: string | null) => v ?? '—' }]),
      ...(role === 'supervisor' ? [] : [{ title: t('diag.col.supervisor'), dataIndex: 'supervisorName', width: 170, ellipsis: { showTitle: true }, render: (v: string | null) => v ?? '—' }]),
      {
        title: t('diag.col.dueOn'), dataIndex: 'dueOn', width: 100,
        render: (v: string | null, d: Diagnosis) => (!v ? '—' : isOverdue(d, date)
          ? <Typography.Text type="danger" strong data-testid="overdue">{v}<span style={{ display: 'block', fontSize: 12, fontWeight: 'normal' }}>{t('diag.overdue')}</span></Typography.Text>
          : v),
      },
      {
        title: t('diag.col.subsidy'), dataIndex: 'subsidyFen', width: 100, align: 'right' as const,
        render: (v: number | null) => (v === null ? '—' : <span className="zgsz-amount">{formatMoney(v)}</span>),
      },
    ]),
    {
      title: t('common.actions'), key: 'actions', width: forBoard ? 100 : lang === 'en' ? 70 : 56, fixed: 'right' as const,
      render: (_: unknown, d) => {
        const dispatchFunding = forBoard ? abilities(user, d).dispatchFunding : null;
        return dispatchFunding
          ? <Button size="small" type="primary" icon={<SendOutlined />} onClick={() => setDispatching({ d, funding: dispatchFunding })} data-testid={`dispatch-${d.number}`}>{t('diag.act.dispatch')}</Button>
          : <Link to={`/diagnoses/${d.id}`}>{t('common.view')}</Link>;
      },
    },
  ];

  const filters = (
    <Space wrap style={{ marginBottom: 12 }}>
      {CITY_WIDE.includes(role) ? (
        <Select allowClear placeholder={t('diag.anyCity')} style={{ width: 120 }} value={filter.city} onChange={(v?: string) => update({ city: v })}
          options={[{ value: 'yangzhou', label: t('city.yangzhou') }, { value: 'suzhou', label: t('city.suzhou') }]} data-testid="filter-city" />
      ) : null}
      <Select allowClear placeholder={t('diag.anyYear')} style={{ width: 110 }} value={filter.year} onChange={(v?: number) => update({ year: v })}
        options={years.map((y) => ({ value: y, label: String(y) }))} data-testid="filter-year" />
      {tab === 'list' ? (
        <Select allowClear placeholder={t('diag.anyStatus')} style={{ width: 150 }} value={filter.status} onChange={(v?: string) => update({ status: v })}
          options={DIAGNOSIS_STATUSES.map((s) => ({ value: s, label: t(`diag.status.${s}`) }))} data-testid="filter-status" />
      ) : null}
      <Button onClick={() => setParams(new URLSearchParams(tab === 'board' ? { tab: 'board' } : {}), { replace: true })}>{t('common.reset')}</Button>
    </Space>
  );

  const list = (
    <Card size="small">
      {filters}
      {worker ? <WorkSummary rows={rows} today={date} /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table<Diagnosis>
        rowKey="id" size="small" columns={columns(false)} dataSource={rows} loading={query.isFetching} scroll={{ x: 1160 }} data-testid="diagnosis-table"
        locale={{ emptyText: emptyText(role, !!(filter.status || filter.year || filter.city), t) }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('common.total', { total: formatCount(n) }) }}
      />
    </Card>
  );

  const waiting = board.data?.length ?? 0;
  const boardView = (
    <>
      <QuotaCard year={filter.year ?? thisYear} city={filter.city} years={years} />
      <Card size="small" title={t('diag.board.title')} data-testid="dispatch-board">
        {filters}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{role === 'city_admin' ? t('diag.board.helpCity') : t('diag.board.helpRegion')}</Typography.Paragraph>
        {board.isError ? <ErrorAlert error={board.error} onRetry={() => void board.refetch()} /> : null}
        <Table<Diagnosis>
          rowKey="id" size="small" columns={columns(true)} dataSource={board.data ?? []} loading={board.isFetching} scroll={{ x: 900 }} data-testid="board-table"
          locale={{ emptyText: t('diag.board.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        />
      </Card>
    </>
  );

  const title = t(TITLES[role] ?? 'diag.title');
  const requestLabel = role === 'enterprise' ? t('diag.request.buttonSelf') : t('diag.request.buttonOffice');
  return (
    <div className="zgsz-page" data-testid="diagnosis-list">
      <div className="zgsz-page-head">
        <Space>
          <Typography.Title level={4}>{title}</Typography.Title>
          <Typography.Text type="secondary">{t(worker ? 'diag.listHelpWorker' : role === 'enterprise' ? 'diag.listHelpEnterprise' : 'diag.listHelp')}</Typography.Text>
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => { void query.refetch(); if (dispatcher) void board.refetch(); }} loading={query.isFetching}>{t('common.refresh')}</Button>
          {can(role, 'diagnoses.request') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)} data-testid="new-diagnosis">{requestLabel}</Button> : null}
        </Space>
      </div>
      {dispatcher ? (
        <Tabs
          activeKey={tab} onChange={(k) => update({ tab: k === 'board' ? 'board' : undefined, status: undefined })} data-testid="diagnosis-tabs"
          items={[
            { key: 'list', label: t('diag.tab.list'), children: list },
            { key: 'board', label: <Badge count={waiting} size="small" offset={[8, -2]}>{t('diag.tab.board')}</Badge>, children: boardView },
          ]}
        />
      ) : list}
      {can(role, 'diagnoses.request') ? <RequestModal open={requesting} onClose={() => setRequesting(false)} /> : null}
      {dispatching ? <DispatchModal diagnosis={dispatching.d} funding={dispatching.funding} open onClose={() => setDispatching(null)} /> : null}
    </div>
  );
}

/** A provider's or supervisor's work at a glance: how many are open, how many are late, the next deadline. */
function WorkSummary({ rows, today }: { rows: Diagnosis[]; today: string }) {
  const { t } = useI18n();
  const open = rows.filter((d) => OPEN_WORK.includes(d.status));
  const late = open.filter((d) => isOverdue(d, today));
  const next = open.filter((d) => d.dueOn && d.dueOn >= today).map((d) => d.dueOn!).sort()[0];
  if (!open.length) return null;
  return (
    <Alert
      type={late.length ? 'error' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="work-summary"
      title={t('diag.work.summary', { open: open.length, next: next ?? '—' })}
      description={late.length ? t('diag.work.late', { n: late.length, numbers: late.map((d) => d.number).join('、') }) : undefined}
    />
  );
}

function emptyText(role: string, filtered: boolean, t: (k: MessageKey) => string): string {
  if (filtered) return t('diag.emptyFiltered');
  if (role === 'provider') return t('diag.emptyProvider');
  if (role === 'supervisor') return t('diag.emptySupervisor');
  if (role === 'enterprise') return t('diag.emptyEnterprise');
  return t('diag.empty');
}
