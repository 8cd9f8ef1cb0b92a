// 核查程序 on the assessment page: the year's sign-off state; the city submits the scored result
// (the year's records are then frozen), 考核办 approves it or returns it with a reason.
import { AuditOutlined, CheckOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { SignOff } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useSignedIn } from '../../lib/session.tsx';

const STATUS_COLOR: Record<SignOff['status'], string> = { open: 'default', submitted: 'processing', approved: 'success', returned: 'warning' };

export function AssessmentSignOff({ year }: { year: number }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const query = useQuery({ queryKey: ['assessment', 'sign-off', year], queryFn: () => api.get<SignOff>(`/assessment/${year}/sign-off`) });
  const act = useMutation({
    mutationFn: ({ step, body }: { step: 'submit' | 'approve' | 'return'; body?: unknown }) => api.post<SignOff>(`/assessment/${year}/sign-off/${step}`, body),
    onSuccess: (s) => {
      queryClient.setQueryData(['assessment', 'sign-off', year], s);
      message.success(s.statusName);
      setReturning(false);
      setReason('');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const s = query.data;
  const canSubmit = can(user.role, 'assessment.submit') && s && (s.status === 'open' || s.status === 'returned');
  const canDecide = can(user.role, 'assessment.approve') && s?.status === 'submitted';

  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="assessment-sign-off"
      title={<Space><AuditOutlined />{t('ass.signOff')}{s ? <Tag color={STATUS_COLOR[s.status]}>{s.statusName}</Tag> : null}</Space>}
      extra={(
        <Space>
          {canSubmit ? (
            <Popconfirm title={t('ass.submitConfirm', { year })} onConfirm={() => act.mutate({ step: 'submit' })}>
              <Button type="primary" icon={<SendOutlined />} loading={act.isPending}>{t('ass.submit')}</Button>
            </Popconfirm>
          ) : null}
          {canDecide ? (
            <>
              <Popconfirm title={t('ass.approveConfirm', { year })} onConfirm={() => act.mutate({ step: 'approve' })}>
                <Button type="primary" icon={<CheckOutlined />} loading={act.isPending}>{t('ass.approve')}</Button>
              </Popconfirm>
              <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>{t('ass.return')}</Button>
            </>
          ) : null}
        </Space>
      )}
    >
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {s ? (
        <>
          {s.status === 'returned' && s.returnReason ? <Alert type="warning" showIcon title={`${t('ass.returnReason')}:${s.returnReason}`} style={{ marginBottom: 8 }} /> : null}
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label={t('ass.submittedBy')}>{s.submittedBy ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ass.submittedAt')}>{formatDateTime(s.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('ass.decidedBy')}>{s.decidedBy ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ass.decidedAt')}>{formatDateTime(s.decidedAt)}</Descriptions.Item>
          </Descriptions>
          {s.snapshotHash ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ass.snapshot')}:<span className="zgsz-mono">{s.snapshotHash}</span></Typography.Text> : null}
        </>
      ) : null}
      <Modal open={returning} title={t('ass.return')} okText={t('ass.return')} cancelText={t('common.cancel')} okButtonProps={{ danger: true, loading: act.isPending }}
        onCancel={() => setReturning(false)} onOk={() => act.mutate({ step: 'return', body: { reason } })}>
        <Typography.Paragraph>{t('ass.returnHelp')}</Typography.Paragraph>
        <Input.TextArea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} showCount />
      </Modal>
    </Card>
  );
}
