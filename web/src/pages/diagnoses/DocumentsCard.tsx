// 材料 of one diagnosis: 合作协议 and 采购合同 (the provider, after 派单 and before 进场), 诊断报告 (the
// provider, after 签约 and before the report is submitted), 监理检查材料 (the supervisor, while it
// supervises). Each file downloads; the 数字画像 check of 附件2 核查内容1 shows which of the three
// documents are on file.
import { CheckCircleFilled, CloseCircleFilled, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { apiUrl, request } from '../../api/client.ts';
import { errorMessage } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-diagnoses.ts';
import { type Abilities, type DiagnosisDetail, type DocumentKind, refreshDiagnoses } from './shared.tsx';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx,.doc,.xls,.ppt';
const KINDS: DocumentKind[] = ['agreement', 'contract', 'report', 'checkpoint'];

/** Whether this reader may upload this kind now (the API checks the same windows). */
export function mayUpload(kind: DocumentKind, d: DiagnosisDetail, may: Abilities): boolean {
  if (kind === 'checkpoint') return may.supervise;
  if (!may.deliver) return false;
  return kind === 'report' ? d.status === 'contracted' || d.status === 'on_site' : d.status === 'dispatched' || d.status === 'contracted';
}

export const documentUrl = (diagnosisId: string, documentId: string) =>
  apiUrl(`/diagnoses/${encodeURIComponent(diagnosisId)}/documents/${encodeURIComponent(documentId)}`);

export function DocumentsCard({ detail: d, may }: { detail: DiagnosisDetail; may: Abilities }) {
  const { t } = useI18n();
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('diag.docs.title')} data-testid="diagnosis-documents">
      <PortraitCheck detail={d} />
      <div className="zgsz-evidence">
        {KINDS.map((kind) => <KindRow key={kind} kind={kind} detail={d} upload={mayUpload(kind, d, may)} />)}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('diag.docs.types')}</Typography.Text>
    </Card>
  );
}

function PortraitCheck({ detail: d }: { detail: DiagnosisDetail }) {
  const { t } = useI18n();
  const e = d.portraitEvidence;
  const items = [['agreement', e.agreement], ['contract', e.contract], ['report', e.report]] as const;
  const complete = items.every(([, ok]) => ok);
  const accepted = d.status === 'accepted' || d.status === 'paid';
  return (
    <div style={{ padding: '8px 12px', marginBottom: 8, background: '#f6f8fb', border: '1px solid #e3e8ef', borderRadius: 4 }} data-testid="portrait-evidence">
      <Space wrap size={[16, 4]}>
        <Typography.Text strong>{t('diag.docs.portrait')}</Typography.Text>
        {items.map(([kind, ok]) => (
          <span key={kind} data-testid={`portrait-${kind}`} style={{ whiteSpace: 'nowrap' }}>
            {ok ? <CheckCircleFilled style={{ color: '#2f9e6e' }} /> : <CloseCircleFilled style={{ color: '#c0504d' }} />} {t(`diag.doc.${kind}`)}
          </span>
        ))}
        {complete && accepted ? <Tag color="success">{t('diag.docs.counted')}</Tag>
          : complete ? <Tag color="processing">{t('diag.docs.countsAfterAcceptance')}</Tag>
            : accepted || d.status === 'cancelled' ? <Tag color="warning">{t('diag.docs.notCounted')}</Tag>
              : <Tag>{t('diag.docs.pending')}</Tag>}
      </Space>
      <div style={{ fontSize: 12, color: '#667085', marginTop: 2 }}>{t('diag.docs.portraitRule')}</div>
    </div>
  );
}

function KindRow({ kind, detail: d, upload }: { kind: DocumentKind; detail: DiagnosisDetail; upload: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const files = d.documents.filter((x) => x.kind === kind);

  const send = async (file: File) => {
    if (file.size > MAX_BYTES) {
      message.error(t('diag.docs.tooLarge', { name: file.name }));
      return;
    }
    setUploading(true);
    try {
      await request('POST', `/diagnoses/${encodeURIComponent(d.id)}/documents`, {
        query: { kind, name: file.name }, raw: { data: file, contentType: 'application/octet-stream' },
      });
      message.success(t('diag.docs.uploaded', { name: file.name }));
      await refreshDiagnoses(queryClient, d.id);
    } catch (e) {
      message.error({ content: `${file.name}:${errorMessage(e)}`, duration: 8 });
    } finally {
      setUploading(false);
    }
  };

  return (
    <div className="zgsz-evidence-item" data-testid={`documents-${kind}`}>
      <div className="zgsz-evidence-head">
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{t(`diag.doc.${kind}`)}</Typography.Text>
          {files.length ? null : <Tag style={{ marginLeft: 6 }} color={kind !== 'checkpoint' && (upload || d.status === 'accepted' || d.status === 'paid') ? 'error' : 'default'}>{t('diag.docs.none')}</Tag>}
          <div className="zgsz-evidence-basis">{t(`diag.docHelp.${kind}`)}</div>
        </div>
        {upload ? (
          <Upload accept={ACCEPT} showUploadList={false} multiple={false} beforeUpload={(f) => { void send(f); return false; }}>
            <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid={`upload-${kind}`}>
              {files.length && kind !== 'checkpoint' ? t('diag.docs.uploadAgain') : t('diag.docs.upload')}
            </Button>
          </Upload>
        ) : null}
      </div>
      {files.map((f) => (
        <div className="zgsz-evidence-file" key={f.id}>
          <div className="zgsz-evidence-file-main">
            <a href={documentUrl(d.id, f.id)} download={f.fileName}><PaperClipOutlined /> {f.fileName}</a>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.uploadedBy} · {formatDateTime(f.uploadedAt)}</Typography.Text>
            <Typography.Text type="secondary" className="zgsz-mono" style={{ fontSize: 11 }} title={f.sha256}>SHA-256 {f.sha256.slice(0, 12)}…</Typography.Text>
          </div>
        </div>
      ))}
    </div>
  );
}
