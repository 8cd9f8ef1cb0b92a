// The evidence checklist of one application (申报 items, and after 批准 the 验收 items): each item
// with why it is asked for, its files (download, uploader, review status and note), the 查重 flag
// when the same bytes were offered in another application, and — for whoever may — upload, 撤下,
// and the reviewer's per-file 通过 / 需补正.
import { CheckOutlined, DeleteOutlined, ExclamationCircleOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, apiUrl, request } from '../../api/client.ts';
import type { ApplicationDetail, EvidenceFile, EvidenceItem, EvidenceStatus } from '../../api/applications.ts';
import { errorMessage } from '../../components/ErrorAlert.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { refreshApplications } from './shared.tsx';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx,.doc,.xls,.ppt';
const STATUS_COLOR: Record<EvidenceStatus, string> = { pending: 'default', accepted: 'success', needs_correction: 'warning' };

export function EvidenceStatusTag({ status }: { status: EvidenceStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`ev.status.${status}`)}</Tag>;
}

export function EvidenceCard({ detail, stage }: { detail: ApplicationDetail; stage: 'application' | 'acceptance' }) {
  const { t } = useI18n();
  const items = detail.evidence.filter((e) => e.stage === stage);
  const { actions } = detail;
  const mayUpload = stage === 'application' ? actions.edit : actions.accept;
  const mayReview = stage === 'application' && actions.review;
  const files = items.flatMap((i) => i.files);
  const duplicated = files.filter((f) => f.duplicates.length);
  const missing = items.filter((i) => !i.files.length);

  return (
    <Card
      size="small" style={{ marginTop: 12 }} data-testid={`evidence-${stage}`}
      title={<Space>{stage === 'application' ? t('ev.title') : t('ev.acceptanceTitle')}<Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>{t('ev.count', { done: items.length - missing.length, total: items.length })}</Typography.Text></Space>}
    >
      {duplicated.length ? (
        <Alert
          type="warning" showIcon style={{ marginBottom: 8 }} data-testid="duplicate-warning" title={t('ev.duplicateTitle', { n: duplicated.length })}
          description={t('ev.duplicateHelp')}
        />
      ) : null}
      {mayUpload && missing.length ? <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('ev.missing', { items: missing.map((i) => i.label).join('、') })} /> : null}
      {!items.length ? <Empty description={t('common.empty')} /> : null}
      <div className="zgsz-evidence">
        {items.map((item) => (
          <EvidenceRow key={item.id} detail={detail} item={item} mayUpload={mayUpload} mayReview={mayReview} mayRemove={stage === 'application' && actions.edit} />
        ))}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ev.types')}</Typography.Text>
    </Card>
  );
}

function EvidenceRow({ detail, item, mayUpload, mayReview, mayRemove }: { detail: ApplicationDetail; item: EvidenceItem; mayUpload: boolean; mayReview: boolean; mayRemove: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const id = detail.application.id;

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      message.error(t('ev.tooLarge', { name: file.name }));
      return;
    }
    setUploading(true);
    try {
      await request('POST', `/applications/${encodeURIComponent(id)}/evidence`, {
        query: { item: item.id, name: file.name, stage: item.stage }, raw: { data: file, contentType: 'application/octet-stream' },
      });
      message.success(t('ev.uploaded', { name: file.name }));
      await refreshApplications(queryClient, id);
    } catch (e) {
      message.error({ content: `${file.name}:${errorMessage(e)}`, duration: 8 });
    } finally {
      setUploading(false);
    }
  };

  return (
    <div className="zgsz-evidence-item" data-testid={`evidence-item-${item.id}`}>
      <div className="zgsz-evidence-head">
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{item.label}</Typography.Text>
          {item.files.length ? null : <Tag color="error" style={{ marginLeft: 6 }}>{t('ev.none')}</Tag>}
          <div className="zgsz-evidence-basis">{t('ev.basis')}:{item.basis}</div>
        </div>
        {mayUpload ? (
          <Upload
            accept={ACCEPT} showUploadList={false} multiple={false} data-testid={`upload-${item.stage}-${item.id}`}
            beforeUpload={(f) => { void upload(f); return false; }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid={`upload-button-${item.stage}-${item.id}`}>
              {item.files.length ? t('ev.uploadAgain') : t('ev.upload')}
            </Button>
          </Upload>
        ) : null}
      </div>
      {item.files.map((f) => <FileLine key={f.id} applicationId={id} file={f} mayReview={mayReview} mayRemove={mayRemove} />)}
    </div>
  );
}

function FileLine({ applicationId, file: f, mayReview, mayRemove }: { applicationId: string; file: EvidenceFile; mayReview: boolean; mayRemove: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [correcting, setCorrecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const base = `/applications/${encodeURIComponent(applicationId)}/evidence/${encodeURIComponent(f.id)}`;

  const review = async (status: EvidenceStatus, note?: string) => {
    await api.post(`${base}/review`, { status, ...(note ? { note } : {}) });
    message.success(status === 'accepted' ? t('ev.accepted') : t('ev.corrected'));
    await refreshApplications(queryClient, applicationId);
  };
  const accept = async () => {
    setBusy(true);
    try { await review('accepted'); } catch (e) { message.error(errorMessage(e)); } finally { setBusy(false); }
  };
  const remove = async () => {
    try {
      await request('DELETE', base);
      message.success(t('ev.removed'));
      await refreshApplications(queryClient, applicationId);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div className="zgsz-evidence-file" data-testid={`evidence-file-${f.id}`}>
      <div className="zgsz-evidence-file-main">
        <a href={apiUrl(`${base}/file`)} download={f.fileName} data-testid="evidence-download"><PaperClipOutlined /> {f.fileName}</a>
        <EvidenceStatusTag status={f.status} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.uploadedBy} · {formatDateTime(f.uploadedAt)}</Typography.Text>
        <span style={{ flex: 1 }} />
        {mayReview ? (
          <Space size={4}>
            <Button size="small" type={f.status === 'accepted' ? 'primary' : 'default'} ghost={f.status === 'accepted'} icon={<CheckOutlined />} loading={busy}
              onClick={() => void accept()} data-testid={`evidence-accept-${f.id}`}>{t('ev.accept')}</Button>
            <Button size="small" danger={f.status === 'needs_correction'} icon={<ExclamationCircleOutlined />} onClick={() => setCorrecting(true)}
              data-testid={`evidence-correct-${f.id}`}>{t('ev.correct')}</Button>
          </Space>
        ) : null}
        {mayRemove ? (
          <Popconfirm title={t('ev.removePrompt', { name: f.fileName })} onConfirm={() => void remove()} okText={t('ev.remove')} cancelText={t('common.cancel')}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('ev.remove')} />
          </Popconfirm>
        ) : null}
      </div>
      {f.reviewNote ? <div className="zgsz-evidence-note">{t('ev.note')}:{f.reviewNote}{f.reviewedBy ? `(${f.reviewedBy})` : ''}</div> : null}
      {f.duplicates.length ? (
        <div className="zgsz-evidence-dup" data-testid={`duplicate-${f.id}`}>
          <ExclamationCircleOutlined /> {t('ev.duplicateOf')}
          {f.duplicates.map((d) => (
            <span key={d.applicationId} className="zgsz-evidence-dup-item">
              <Link to={`/applications/${d.applicationId}`} className="zgsz-mono">{d.number}</Link> {d.enterpriseName}({d.year})
            </span>
          ))}
        </div>
      ) : null}
      <ReasonModal
        open={correcting} title={t('ev.correctTitle', { name: f.fileName })} help={t('ev.correctHelp')} label={t('ev.correctNote')} rule={t('ev.correctRule')}
        min={2} max={300} okText={t('ev.correct')} testId="evidence-correct-modal" onCancel={() => setCorrecting(false)}
        onSubmit={async (note) => { await review('needs_correction', note); setCorrecting(false); }}
      />
    </div>
  );
}
