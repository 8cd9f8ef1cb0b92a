// Application lists: 我的申请 for an enterprise, 申请查询 for the offices (their region, or the city),
// and 待办审核 — the applications waiting on a step of the reader's role (todo=true). Filters live in
// the URL; the current step of rows in review is read from their detail (see useCurrentSteps).
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { type Application, APPLICATION_STATUSES } from '../../api/applications.ts';
import type { Page } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatCount, formatDate, formatMoney } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { entitlementText } from '../../lib/entitlement.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { StatusTag, StepTag, useCurrentSteps } from './shared.tsx';

const PAGE_SIZES = ['20', '50', '100'];

export default function ApplicationListPage({ todo = false }: { todo?: boolean }) {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const { name: regionName } = useRegions();
  const { date } = useBusinessDate();
  const [params, setParams] = useSearchParams();
  const enterprise = user.role === 'enterprise';
  const filter = {
    status: params.get('status') ?? undefined,
    year: params.get('year') ?? undefined,
    q: params.get('q') ?? '',
  };
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const [q, setQ] = useState(filter.q);
  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const query = useQuery({
    queryKey: ['applications', todo ? 'todo' : 'list', filter, page, pageSize],
    // Nobody acts on an application during its 公示: the queue is what is in review.
    queryFn: () => api.get<Page<Application>>('/applications', { ...filter, ...(todo ? { todo: 'true', status: filter.status ?? 'in_review' } : {}), page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const { steps } = useCurrentSteps(query.data?.items);
  const thisYear = Number(date.slice(0, 4));
  const years = Array.from({ length: Math.max(1, thisYear - 2021 + 1) }, (_, i) => thisYear - i);

  const columns: ColumnsType<Application> = [
    {
      // The submission date under the number rather than a column of its own: the table then fits a
      // 1280 px screen with the approved and paid amounts in view.
      title: t('apl.number'), dataIndex: 'number', width: 140,
      render: (v: string, a) => (
        <span>
          <Link to={`/applications/${a.id}`} className="zgsz-mono" data-testid={`open-${a.number}`}>{v}</Link>
          {a.submittedAt ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('apl.submittedAt')} {formatDate(a.submittedAt)}</Typography.Text> : null}
        </span>
      ),
    },
    ...(enterprise ? [] : [{
      title: t('apl.enterprise'), dataIndex: 'enterpriseName', width: 210,
      render: (v: string | null, a: Application) => (
        <span>{v ?? '—'}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{regionName(a.regionId)} · <span className="zgsz-mono">{a.uscc}</span></Typography.Text></span>
      ),
    }]),
    {
      title: t('apl.measure'), dataIndex: 'measureTitle',
      render: (v: string, a) => <span>{v}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{a.clause} · {a.year}</Typography.Text></span>,
    },
    {
      title: t('apl.statusCol'), dataIndex: 'status', width: 130,
      render: (_: unknown, a) => <Space size={2} wrap><StatusTag status={a.status} /><StepTag step={steps.get(a.id)} status={a.status} /></Space>,
    },
    { title: t('apl.estimate'), key: 'estimate', width: 130, align: 'right', render: (_, a) => <span className="zgsz-amount">{entitlementText({ min: a.minFen, max: a.maxFen }, lang)}</span> },
    {
      title: t('apl.approvedDisbursed'), key: 'money', width: 130, align: 'right',
      render: (_, a) => (a.approvedFen === null ? '—' : (
        <span>{formatMoney(a.approvedFen)}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('apl.disbursed')} {formatMoney(a.disbursedFen)}</Typography.Text></span>
      )),
    },
    {
      title: t('common.actions'), key: 'actions', width: 76, fixed: 'right',
      render: (_, a) => {
        const step = steps.get(a.id);
        if (todo && a.status === 'in_review' && step?.kind === 'publicity' && can(user.role, 'publicity.manage')) return <Link to="/publicity">{t('apl.goPublicity')}</Link>;
        return <Link to={`/applications/${a.id}`}>{todo ? t('apl.handle') : t('common.view')}</Link>;
      },
    },
  ];

  const title = todo ? t('apl.todoTitle') : enterprise ? t('apl.mineTitle') : t('apl.listTitle');
  return (
    <div className="zgsz-page" data-testid={todo ? 'todo-page' : 'application-list'}>
      <div className="zgsz-page-head">
        <Space>
          <Typography.Title level={4}>{title}</Typography.Title>
          {todo ? <Typography.Text type="secondary">{t('apl.todoHelp')}</Typography.Text> : null}
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>{t('common.refresh')}</Button>
          {can(user.role, 'applications.apply') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/applications/new')} data-testid="new-application">{t('apl.new')}</Button>
          ) : null}
        </Space>
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear placeholder={t('apl.searchPlaceholder')} style={{ width: 300 }} value={q} enterButton={t('common.search')}
            onChange={(e) => setQ(e.target.value)} onSearch={(v) => update({ q: v.trim() })} data-testid="application-search"
          />
          {todo ? null : <Select
            allowClear mode="multiple" placeholder={t('apl.anyStatus')} style={{ minWidth: 200 }} maxTagCount="responsive"
            value={filter.status ? filter.status.split(',') : []} onChange={(v: string[]) => update({ status: v.join(',') })}
            options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`apl.status.${s}`) }))} data-testid="filter-status"
          />}
          <Select
            allowClear placeholder={t('apl.anyYear')} style={{ width: 110 }} value={filter.year} onChange={(v?: string) => update({ year: v })}
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
          />
          <Button onClick={() => { setQ(''); setParams(new URLSearchParams(), { replace: true }); }}>{t('common.reset')}</Button>
        </Space>
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        <Table<Application>
          rowKey="id" size="small" columns={columns} dataSource={query.data?.items ?? []} loading={query.isFetching}
          scroll={{ x: enterprise ? 772 : 992 }} data-testid="application-table"
          locale={{ emptyText: todo ? t('apl.todoEmpty') : t('common.empty') }}
          pagination={{
            current: page, pageSize, total: query.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('common.total', { total: formatCount(total) }),
            onChange: (p, s) => update({ page: p === 1 ? undefined : p, pageSize: s === 20 ? undefined : s }),
          }}
        />
      </Card>
    </div>
  );
}
