// 档案划转: transfer requests into or out of the officer's region (every request for the city).
// An officer may request one; the city admin approves (the file moves) or rejects with a reason.
// The enterprise's name and current region stay hidden from the requesting officer until approval.
import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import type { EnterpriseTransfer } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { allows, can } from '../../lib/access.ts';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { type TransferStatus, useTransfers } from './queries.ts';
import { TransferRequestModal } from './TransferRequestModal.tsx';

const STATUS_COLOR: Record<TransferStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error' };
const STATUSES: TransferStatus[] = ['pending', 'approved', 'rejected'];

export default function EnterpriseTransferPage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const { name: regionName } = useRegions();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = STATUSES.find((s) => s === raw);
  const query = useTransfers(status);
  const [requesting, setRequesting] = useState(false);

  const mayDecide = (r: EnterpriseTransfer) => can(user.role, 'enterprises.transfers.decide') && allows(user, 'transfer.decide', { status: r.status });
  const columns: ColumnsType<EnterpriseTransfer> = [
    {
      title: t('transfer.enterprise'), dataIndex: 'uscc', width: 200,
      render: (v: string, r) => (
        <span>
          {r.enterpriseName === null ? <Typography.Text type="secondary">{t('transfer.hidden')}</Typography.Text>
            : r.enterpriseId ? <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link> : r.enterpriseName}
          <span className="zgsz-mono" style={{ display: 'block', color: '#888' }}>{v}</span>
        </span>
      ),
    },
    {
      title: t('transfer.route'), key: 'route', width: 160,
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {r.fromRegionId ? regionName(r.fromRegionId) : <Typography.Text type="secondary">{t('transfer.elsewhere')}</Typography.Text>}
          <span style={{ color: '#999', margin: '0 6px' }}>→</span>{regionName(r.toRegionId)}
        </span>
      ),
    },
    { title: t('transfer.reason'), dataIndex: 'reason' },
    {
      title: t('transfer.requestedAt'), dataIndex: 'requestedAt', width: 160,
      render: (v: string, r) => <span>{formatDateTime(v)}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{r.requestedBy}</Typography.Text></span>,
    },
    {
      title: t('transfer.decision'), dataIndex: 'status', width: 220,
      render: (s: TransferStatus, r) => (
        <span>
          <Tag color={STATUS_COLOR[s]}>{t(`transfer.status.${s}`)}</Tag>
          {r.decisionNote ? <span style={{ display: 'block', marginTop: 2 }}>{r.decisionNote}</span> : null}
          {r.decidedAt ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{[r.decidedBy, formatDateTime(r.decidedAt)].filter(Boolean).join(' ')}</Typography.Text> : null}
        </span>
      ),
    },
    ...(can(user.role, 'enterprises.transfers.decide') ? [{
      title: t('common.actions'), key: 'actions', width: 150, fixed: 'right' as const,
      render: (_: unknown, r: EnterpriseTransfer) => (mayDecide(r) ? <TransferDecision transfer={r} regionName={regionName(r.toRegionId)} /> : null),
    }] : []),
  ];

  return (
    <div className="zgsz-page" data-testid="transfer-page">
      <div className="zgsz-page-head">
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/enterprises')} aria-label={t('common.back')} />
          <Typography.Title level={4}>{t('transfer.title')}</Typography.Title>
        </Space>
        <Space>
          {can(user.role, 'enterprises.transfers.request') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)} data-testid="transfer-request-open">{t('transfer.request')}</Button>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>{t('common.refresh')}</Button>
        </Space>
      </div>
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('transfer.help')}</Typography.Paragraph>
        <Segmented<string>
          style={{ marginBottom: 12 }} value={status ?? 'all'} data-testid="transfer-status"
          options={[{ value: 'all', label: t('common.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`transfer.status.${s}`) }))]}
          onChange={(v) => setParams(v === 'all' ? new URLSearchParams() : new URLSearchParams({ status: v }), { replace: true })}
        />
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        <Table<EnterpriseTransfer>
          rowKey="id" size="small" columns={columns} dataSource={query.data ?? []} loading={query.isPending}
          scroll={{ x: 1100 }} locale={{ emptyText: t('transfer.empty') }} data-testid="transfer-table"
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: formatCount(n) }) }}
        />
      </Card>
      <TransferRequestModal open={requesting} onClose={() => setRequesting(false)} />
    </div>
  );
}

function TransferDecision({ transfer, regionName }: { transfer: EnterpriseTransfer; regionName: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [approving, setApproving] = useState(false);
  const path = `/enterprise-transfers/${encodeURIComponent(transfer.id)}/decide`;
  const refresh = () => Promise.all([
    queryClient.invalidateQueries({ queryKey: ['enterprise-transfers'] }),
    queryClient.invalidateQueries({ queryKey: ['enterprises'] }),
    queryClient.invalidateQueries({ queryKey: ['enterprise'] }),
    queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
  ]);

  const approve = async () => {
    setApproving(true);
    try {
      await api.post<EnterpriseTransfer>(path, { decision: 'approve' });
      message.success(t('transfer.approved'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setApproving(false);
      await refresh();
    }
  };
  const reject = async (note: string) => {
    try {
      await api.post<EnterpriseTransfer>(path, { decision: 'reject', note });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) await refresh();
      throw e;
    }
    message.success(t('transfer.rejectedMsg'));
    setRejecting(false);
    await refresh();
  };

  return (
    <Space size={4}>
      <Popconfirm title={t('transfer.approvePrompt', { name: transfer.enterpriseName ?? transfer.uscc, region: regionName })}
        okText={t('transfer.approve')} cancelText={t('common.cancel')} onConfirm={() => void approve()}
        okButtonProps={{ ...{ 'data-testid': `transfer-approve-ok-${transfer.id}` } }}>
        <Button size="small" type="primary" ghost icon={<CheckOutlined />} loading={approving} data-testid={`transfer-approve-${transfer.id}`}>{t('transfer.approve')}</Button>
      </Popconfirm>
      <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(true)} data-testid={`transfer-reject-${transfer.id}`}>{t('transfer.reject')}</Button>
      <ReasonModal
        open={rejecting} title={t('transfer.rejectTitle')} help={t('transfer.rejectHelp')} label={t('claim.rejectReason')} rule={t('claim.rejectReasonRule')}
        min={2} max={500} okText={t('transfer.reject')} danger testId="transfer-reject-modal" onCancel={() => setRejecting(false)} onSubmit={reject}
      />
    </Space>
  );
}
