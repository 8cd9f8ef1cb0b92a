// The enterprise file's 申报项目: its applications with status, the engine's range, and what was
// approved and disbursed, with the totals. Read through GET /applications?enterpriseId=… (and kept
// to this enterprise here as well, whatever the list answers).
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Application } from '../../api/applications.ts';
import type { Enterprise, Page } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatMoney } from '../../lib/format.ts';
import { entitlementText } from '../../lib/entitlement.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useSignedIn } from '../../lib/session.tsx';
import { AcceptanceTag, StatusTag } from '../applications/shared.tsx';

export function EnterpriseApplicationsCard({ enterprise }: { enterprise: Enterprise }) {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: ['applications', 'enterprise', enterprise.id],
    queryFn: () => api.get<Page<Application>>('/applications', { enterpriseId: enterprise.id, q: enterprise.name, pageSize: 100 }),
  });
  const rows = (query.data?.items ?? []).filter((a) => a.enterpriseId === enterprise.id);
  const approved = rows.reduce((s, a) => s + (a.status === 'approved' ? a.approvedFen ?? 0 : 0), 0);
  const disbursed = rows.reduce((s, a) => s + a.disbursedFen - a.reclaimedFen, 0);
  const mayApply = can(user.role, 'applications.apply') && (user.role === 'enterprise' ? user.enterpriseId === enterprise.id : user.regionId === enterprise.regionId);
  return (
    <Card
      size="small" title={t('ent.section.applications')} data-testid="enterprise-applications"
      extra={(
        <Space>
          <Typography.Text type="secondary" data-testid="enterprise-application-totals">{t('ent.applicationTotals', { n: rows.length, approved: formatMoney(approved), disbursed: formatMoney(disbursed) })}</Typography.Text>
          {mayApply ? <Button size="small" icon={<PlusOutlined />} onClick={() => navigate(user.role === 'region_officer' ? `/applications/new?enterprise=${enterprise.id}` : '/applications/new')}>{t('apl.new')}</Button> : null}
        </Space>
      )}
    >
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table<Application>
        size="small" rowKey="id" pagination={false} dataSource={rows} loading={query.isPending} scroll={{ x: 900 }} locale={{ emptyText: t('ent.noApplications') }}
        columns={[
          { title: t('apl.number'), dataIndex: 'number', width: 150, render: (v: string, a) => <Link to={`/applications/${a.id}`} className="zgsz-mono">{v}</Link> },
          { title: t('apl.measure'), dataIndex: 'measureTitle', render: (v: string, a) => <span>{v}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{a.clause} · {a.year}</Typography.Text></span> },
          { title: t('apl.statusShort'), dataIndex: 'status', width: 90, render: (s: Application['status']) => <StatusTag status={s} /> },
          { title: t('apl.estimate'), key: 'estimate', width: 140, align: 'right', render: (_, a) => entitlementText({ min: a.minFen, max: a.maxFen }, lang) },
          { title: t('apl.approved'), dataIndex: 'approvedFen', width: 110, align: 'right', render: (v: number | null) => (v === null ? '—' : <span className="zgsz-amount">{formatMoney(v)}</span>) },
          { title: t('apl.disbursed'), dataIndex: 'disbursedFen', width: 110, align: 'right', render: (v: number) => (v ? formatMoney(v) : '—') },
          { title: t('apl.acceptanceCol'), dataIndex: 'acceptance', width: 90, render: (v: Application['acceptance'], a) => (a.status === 'approved' ? <AcceptanceTag acceptance={v} /> : '—') },
        ]}
      />
    </Card>
  );
}
