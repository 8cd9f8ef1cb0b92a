// 待核实认定: the pending certification claims in the reviewer's scope (the officer's region, or
// every region for the city), each linked to its enterprise file with 确认 / 驳回.
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import type { PendingClaim } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { allows } from '../../lib/access.ts';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { certKindLabel, certLevelLabel } from '../../lib/labels.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { ClaimReviewActions } from './CertificationClaims.tsx';
import { usePendingClaims } from './queries.ts';

export default function CertificationClaimQueuePage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const { name: regionName } = useRegions();
  const query = usePendingClaims();

  const columns: ColumnsType<PendingClaim> = [
    {
      title: t('claim.enterprise'), dataIndex: 'enterpriseName', width: 220,
      render: (v: string, c) => (
        <span>
          <Link to={`/enterprises/${c.enterpriseId}`}>{v}</Link>
          <span className="zgsz-mono" style={{ display: 'block', color: '#888' }}>{c.uscc}</span>
        </span>
      ),
    },
    { title: t('field.region'), dataIndex: 'regionId', width: 90, render: (v: string) => regionName(v) },
    {
      title: t('claim.certification'), key: 'certification', width: 260,
      render: (_, c) => (
        <span>
          <Tag color={c.kind === 'integration' ? 'geekblue' : c.kind === 'cloud' ? 'cyan' : 'gold'}>{certKindLabel(c.kind, t)} {certLevelLabel(c.kind, c.level, t)}</Tag>
          <span style={{ color: '#888' }}>{c.year}</span>
          <span style={{ display: 'block', marginTop: 2 }}>{c.title}</span>
        </span>
      ),
    },
    { title: t('claim.evidence'), dataIndex: 'evidence', render: (v: string | null) => v ?? '—' },
    {
      title: t('claim.submittedAt'), dataIndex: 'submittedAt', width: 160,
      render: (v: string | null, c) => <span>{formatDateTime(v)}{c.submittedBy ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{c.submittedBy}</Typography.Text> : null}</span>,
    },
    {
      title: t('common.actions'), key: 'actions', width: 150, fixed: 'right',
      render: (_, c) => (allows(user, 'certification.review', { id: c.enterpriseId, regionId: c.regionId, status: c.status }) ? <ClaimReviewActions claim={c} /> : null),
    },
  ];

  return (
    <div className="zgsz-page" data-testid="claim-queue">
      <div className="zgsz-page-head">
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/enterprises')} aria-label={t('common.back')} />
          <Typography.Title level={4}>{t('claim.queueTitle')}</Typography.Title>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>{t('common.refresh')}</Button>
      </div>
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('claim.queueHelp')}</Typography.Paragraph>
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        <Table<PendingClaim>
          rowKey="id" size="small" columns={columns} dataSource={query.data ?? []} loading={query.isPending}
          scroll={{ x: 1100 }} locale={{ emptyText: t('claim.queueEmpty') }} data-testid="claim-queue-table"
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: formatCount(n) }) }}
        />
      </Card>
    </div>
  );
}
