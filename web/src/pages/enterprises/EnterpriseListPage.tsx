// 企业档案 list: search by name or USCC, filter by region, 规上 and chain, paginated by the server.
// The filters live in the URL so the back button and shared links keep them.
import { InteractionOutlined, PlusOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Enterprise, Page } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatCount, formatDate } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { certKindLabel, certLevelLabel, chainLabel, INDUSTRIAL_CHAINS } from '../../lib/labels.ts';
import { regionOptions, useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { ExportEnterprises } from './ExportEnterprises.tsx';
import { usePendingClaims, useTransfers } from './queries.ts';

const PAGE_SIZES = ['20', '50', '100'];

export default function EnterpriseListPage() {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { regions, name: regionName } = useRegions();
  const mayReview = can(user.role, 'enterprises.certifications.review');
  const mayTransfer = can(user.role, 'enterprises.transfers.read');
  const claims = usePendingClaims(mayReview);
  const transfers = useTransfers('pending', mayTransfer);

  const filter = {
    q: params.get('q') ?? '',
    regionId: params.get('regionId') ?? undefined,
    aboveScale: params.get('aboveScale') ?? undefined,
    chain: params.get('chain') ?? undefined,
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
    queryKey: ['enterprises', filter, page, pageSize],
    queryFn: () => api.get<Page<Enterprise>>('/enterprises', { ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<Enterprise> = [
    { title: t('field.name'), dataIndex: 'name', width: 240, render: (v: string, e) => <Link to={`/enterprises/${e.id}`}>{v}</Link> },
    { title: t('field.uscc'), dataIndex: 'uscc', width: 190, render: (v: string) => <span className="zgsz-mono">{v}</span> },
    { title: t('field.region'), dataIndex: 'regionId', width: 130, render: (v: string) => regionName(v) },
    { title: t('field.industryShort'), dataIndex: 'industryCode', width: 90 },
    {
      title: t('field.scaleShort'), dataIndex: 'aboveScale', width: 80, align: 'center',
      render: (v: boolean) => (v ? <Tag color="blue">{t('ent.scale.above')}</Tag> : <Tag>{t('ent.scale.below')}</Tag>),
    },
    { title: t('field.chains'), dataIndex: 'chains', render: (v: string[]) => v.map((c) => <Tag key={c}>{chainLabel(c, lang)}</Tag>) },
    {
      title: t('field.certifications'), dataIndex: 'certifications',
      render: (v: Enterprise['certifications']) => v.map((c, i) => (
        <Tag key={i} color={c.kind === 'integration' ? 'geekblue' : c.kind === 'cloud' ? 'cyan' : 'gold'}>
          {certKindLabel(c.kind, t)} {certLevelLabel(c.kind, c.level, t)}
        </Tag>
      )),
    },
    { title: t('field.updatedAt'), dataIndex: 'updatedAt', width: 110, render: (v: string) => formatDate(v) },
    {
      title: t('common.actions'), key: 'actions', width: 110, fixed: 'right',
      render: (_, e) => (
        <Space size={4}>
          <Link to={`/enterprises/${e.id}`}>{t('common.view')}</Link>
          {can(user.role, 'enterprises.update') ? <Link to={`/enterprises/${e.id}/edit`}>{t('common.edit')}</Link> : null}
        </Space>
      ),
    },
  ];

  const officerRegion = user.role === 'region_officer' ? user.regionId : null;

  return (
    <div className="zgsz-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('ent.title')}</Typography.Title>
        <Space wrap>
          {mayReview ? (
            <Badge count={claims.data?.length ?? 0} size="small" overflowCount={99} data-testid="claims-badge">
              <Button icon={<SafetyCertificateOutlined />} onClick={() => navigate('/enterprises/claims')} data-testid="open-claims">{t('menu.claims')}</Button>
            </Badge>
          ) : null}
          {mayTransfer ? (
            <Badge count={transfers.data?.length ?? 0} size="small" overflowCount={99} data-testid="transfers-badge">
              <Button icon={<InteractionOutlined />} onClick={() => navigate('/enterprises/transfers')} data-testid="open-transfers">{t('menu.transfers')}</Button>
            </Badge>
          ) : null}
          {can(user.role, 'enterprises.create') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/enterprises/new')}>{t('ent.create')}</Button> : null}
          {can(user.role, 'enterprises.import') ? <Button icon={<UploadOutlined />} onClick={() => navigate('/enterprises/import')}>{t('ent.import')}</Button> : null}
          {can(user.role, 'enterprises.export') ? <ExportEnterprises filter={filter} /> : null}
        </Space>
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear placeholder={t('ent.searchPlaceholder')} style={{ width: 300 }} value={q}
            onChange={(e) => setQ(e.target.value)} onSearch={(v) => update({ q: v.trim() })} enterButton={t('common.search')}
            data-testid="enterprise-search"
          />
          <Select
            allowClear placeholder={t('ent.anyRegion')} style={{ width: 180 }} showSearch={{ optionFilterProp: 'label' }}
            value={officerRegion ?? filter.regionId} disabled={!!officerRegion || user.role === 'enterprise'}
            options={regionOptions(regions.filter((r) => r.level !== 'city'))} onChange={(v?: string) => update({ regionId: v })}
            data-testid="filter-region"
          />
          <Select
            allowClear placeholder={t('ent.anyScale')} style={{ width: 130 }} value={filter.aboveScale}
            options={[{ value: 'true', label: t('ent.scale.above') }, { value: 'false', label: t('ent.scale.below') }]}
            onChange={(v?: string) => update({ aboveScale: v })}
            data-testid="filter-scale"
          />
          <Select
            allowClear placeholder={t('ent.anyChain')} style={{ width: 160 }} value={filter.chain}
            options={INDUSTRIAL_CHAINS.map((c) => ({ value: c, label: chainLabel(c, lang) }))} onChange={(v?: string) => update({ chain: v })}
            data-testid="filter-chain"
          />
          <Button onClick={() => { setQ(''); setParams(new URLSearchParams(), { replace: true }); }}>{t('common.reset')}</Button>
        </Space>
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        <Table<Enterprise>
          rowKey="id" size="small" columns={columns} dataSource={query.data?.items ?? []} loading={query.isFetching}
          scroll={{ x: 1200 }} data-testid="enterprise-table"
          pagination={{
            current: page, pageSize, total: query.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t(query.data?.totalCapped ? 'ent.totalCapped' : 'common.total', { total: formatCount(total) }),
            onChange: (p, s) => update({ page: p === 1 ? undefined : p, pageSize: s === 20 ? undefined : s }),
          }}
        />
      </Card>
    </div>
  );
}
