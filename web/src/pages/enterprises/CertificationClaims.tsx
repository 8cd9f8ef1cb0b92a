// 认定申请: an enterprise submits a certification it holds with the reference of its 认定文件; the
// officer of its region (or the city) confirms it — it then counts among the file's certifications —
// or rejects it with a reason. Shared by the enterprise file page and the review queue.
import { currentErrorLang, fieldErrorText } from '../../lib/errors-i18n.ts';
import { CheckOutlined, CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import type { CertificationClaim, CertificationKind, Enterprise } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { allows, can } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type MessageKey, useI18n } from '../../lib/i18n.tsx';
import { certKindLabel, certLevelLabel, certLevels, CERTIFICATION_KINDS } from '../../lib/labels.ts';
import { useSignedIn } from '../../lib/session.tsx';

const STATUS_COLOR: Record<CertificationClaim['status'], string> = { pending: 'processing', confirmed: 'success', rejected: 'error' };

export function ClaimStatusTag({ status }: { status: CertificationClaim['status'] }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`claim.status.${status}`)}</Tag>;
}

/** Everything that shows a claim or a certification count. */
export async function refreshAfterClaim(queryClient: QueryClient, enterpriseId: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['enterprise', enterpriseId] }),
    queryClient.invalidateQueries({ queryKey: ['certification-claims'] }),
    queryClient.invalidateQueries({ queryKey: ['enterprises'] }),
    queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
  ]);
}

/** 确认 (after a check) and 驳回 (with a reason) for one pending claim. */
export function ClaimReviewActions({ claim }: { claim: Pick<CertificationClaim, 'id' | 'enterpriseId' | 'title'> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const path = `/enterprises/${encodeURIComponent(claim.enterpriseId)}/certification-claims/${encodeURIComponent(claim.id)}/review`;

  const confirm = async () => {
    setConfirming(true);
    try {
      await api.post<CertificationClaim>(path, { decision: 'confirm' });
      message.success(t('claim.confirmed'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setConfirming(false);
      await refreshAfterClaim(queryClient, claim.enterpriseId);
    }
  };
  const reject = async (note: string) => {
    try {
      await api.post<CertificationClaim>(path, { decision: 'reject', note });
    } catch (e) {
      // Decided by someone else meanwhile: show the current state rather than a stale row.
      if (e instanceof ApiError && e.status === 409) await refreshAfterClaim(queryClient, claim.enterpriseId);
      throw e;
    }
    message.success(t('claim.rejectedMsg'));
    setRejecting(false);
    await refreshAfterClaim(queryClient, claim.enterpriseId);
  };

  return (
    <Space size={4}>
      <Popconfirm title={t('claim.confirmPrompt', { title: claim.title })} onConfirm={() => void confirm()} okText={t('claim.confirm')} cancelText={t('common.cancel')}
        okButtonProps={{ ...{ 'data-testid': `claim-confirm-ok-${claim.id}` } }}>
        <Button size="small" type="primary" ghost icon={<CheckOutlined />} loading={confirming} data-testid={`claim-confirm-${claim.id}`}>{t('claim.confirm')}</Button>
      </Popconfirm>
      <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(true)} data-testid={`claim-reject-${claim.id}`}>{t('claim.reject')}</Button>
      <ReasonModal
        open={rejecting} title={t('claim.rejectTitle')} help={t('claim.rejectHelp')} label={t('claim.rejectReason')} rule={t('claim.rejectReasonRule')}
        min={2} max={500} okText={t('claim.reject')} danger testId="claim-reject-modal" onCancel={() => setRejecting(false)} onSubmit={reject}
      />
    </Space>
  );
}

/** The claims of one enterprise file (pending and rejected; confirmed ones are its certifications). */
export function ClaimsCard({ enterprise, openOnLoad }: { enterprise: Enterprise; openOnLoad?: boolean }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const [open, setOpen] = useState(!!openOnLoad);
  const claims = enterprise.certificationClaims ?? [];
  const ref = { id: enterprise.id, regionId: enterprise.regionId };
  const mayClaim = can(user.role, 'enterprises.certifications.claim') && allows(user, 'certification.claim', ref);
  const mayReview = (c: CertificationClaim) => can(user.role, 'enterprises.certifications.review') && allows(user, 'certification.review', { ...ref, status: c.status });
  const reviewer = claims.some(mayReview);

  const columns: ColumnsType<CertificationClaim> = [
    { title: t('cert.kind'), dataIndex: 'kind', width: 170, render: (k: string) => certKindLabel(k, t) },
    { title: t('cert.level'), dataIndex: 'level', width: 80, render: (l: string, c) => certLevelLabel(c.kind, l, t) },
    { title: t('cert.title'), dataIndex: 'title' },
    { title: t('cert.year'), dataIndex: 'year', width: 70 },
    { title: t('claim.evidence'), dataIndex: 'evidence', render: (v: string | null) => v ?? '—' },
    { title: t('claim.status'), dataIndex: 'status', width: 90, render: (s: CertificationClaim['status']) => <ClaimStatusTag status={s} /> },
    {
      title: t('claim.submittedAt'), dataIndex: 'submittedAt', width: 170,
      render: (v: string | null, c) => <span>{formatDateTime(v)}{c.submittedBy ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{c.submittedBy}</Typography.Text> : null}</span>,
    },
    {
      title: t('claim.reviewNote'), dataIndex: 'reviewNote', width: 200,
      render: (v: string | null, c) => (v || c.reviewedBy ? (
        <span>{v ?? '—'}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{[c.reviewedBy, formatDateTime(c.reviewedAt)].filter(Boolean).join(' ')}</Typography.Text></span>
      ) : '—'),
    },
    ...(reviewer ? [{
      title: t('common.actions'), key: 'actions', width: 150,
      render: (_: unknown, c: CertificationClaim) => (mayReview(c) ? <ClaimReviewActions claim={c} /> : null),
    }] : []),
  ];

  return (
    <Card
      size="small" title={t('claim.section')} data-testid="claims-card" id="claims"
      extra={mayClaim ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="claim-open">{t('claim.submit')}</Button> : null}
    >
      {claims.some((c) => c.status === 'pending') ? <Alert type="info" showIcon title={t('claim.pendingNote')} style={{ marginBottom: 8 }} /> : null}
      <Table<CertificationClaim>
        size="small" rowKey="id" pagination={false} dataSource={claims} columns={columns} scroll={{ x: 1000 }}
        locale={{ emptyText: t('claim.empty') }} data-testid="claims-table"
      />
      {mayClaim ? <ClaimFormModal enterpriseId={enterprise.id} open={open} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}

interface ClaimValues { kind: CertificationKind; level: string; year: number; title: string; evidence: string }
const CLAIM_FIELDS = ['kind', 'level', 'year', 'title', 'evidence'];

/** 提交认定: kind, level (as the certification form offers them), year, title and the evidence. */
export function ClaimFormModal({ enterpriseId, open, onClose }: { enterpriseId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ClaimValues>();
  const kind = Form.useWatch('kind', form);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const required = (label: MessageKey) => ({ required: true, message: t('ent.required', { label: t(label) }) });

  const submit = async () => {
    let v: ClaimValues;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      await api.post<CertificationClaim>(`/enterprises/${encodeURIComponent(enterpriseId)}/certification-claims`, {
        kind: v.kind, level: v.level, year: v.year, title: v.title.trim(), evidence: v.evidence.trim(),
      });
      message.success(t('claim.submitted'));
      await refreshAfterClaim(queryClient, enterpriseId);
      form.resetFields();
      onClose();
    } catch (e) {
      const field = e instanceof ApiError ? e.field?.split('.')[0] : undefined;
      if (field && CLAIM_FIELDS.includes(field)) form.setFields([{ name: field as keyof ClaimValues, errors: [e instanceof ApiError ? fieldErrorText(e, currentErrorLang()) : errorMessage(e)] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open} title={t('claim.submitTitle')} okText={t('claim.submit')} cancelText={t('common.cancel')} width={640} destroyOnHidden
      okButtonProps={{ loading: saving, ...{ 'data-testid': 'claim-form-submit' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}
    >
      <div data-testid="claim-form">
        <Typography.Paragraph type="secondary">{t('claim.submitHelp')}</Typography.Paragraph>
        {error ? <ErrorAlert error={error} title={t('ent.fixErrors')} /> : null}
        <Form<ClaimValues> form={form} layout="vertical" preserve={false} initialValues={{ year: new Date().getFullYear() }}
          onValuesChange={() => { if (error) setError(null); }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="kind" label={t('cert.kind')} rules={[required('cert.kind')]}>
                <Select
                  options={(Object.keys(CERTIFICATION_KINDS) as CertificationKind[]).map((k) => ({ value: k, label: certKindLabel(k, t) }))}
                  onChange={() => form.setFieldValue('level', undefined)} data-testid="claim-kind"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="level" label={t('cert.level')} rules={[required('cert.level')]}>
                <Select placeholder={kind ? undefined : t('claim.chooseKind')} disabled={!kind}
                  options={(kind ? certLevels(kind) : []).map((l) => ({ value: l, label: certLevelLabel(kind!, l, t) }))} data-testid="claim-level" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="year" label={t('cert.year')} rules={[required('cert.year')]}>
                <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} data-testid="claim-year" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="title" label={t('cert.title')} rules={[{ ...required('cert.title'), whitespace: true }]}>
            <Input maxLength={200} data-testid="claim-title" />
          </Form.Item>
          <Form.Item
            name="evidence" label={t('claim.evidence')} extra={t('claim.evidenceHint')} required
            rules={[{ validator: (_, v?: string) => ((v ?? '').trim().length >= 4 ? Promise.resolve() : Promise.reject(new Error(t('claim.evidenceRule')))) }]}
          >
            <Input.TextArea rows={3} maxLength={300} showCount placeholder={t('claim.evidenceExample')} data-testid="claim-evidence" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
