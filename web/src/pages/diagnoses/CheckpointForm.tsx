// 监理检查点: the supervisor records one checkpoint (C0–C7, kept as data in src/domain/diagnosis/
// lifecycle.ts) with its time and place in China time, the finding — 符合, 发现问题, or 停止支付, which
// stops payment until the supervisor lifts it — its opinion and, optionally, one of the checkpoint
// files it uploaded as evidence.
import { Alert, Col, Form, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-diagnoses.ts';
import { CHECKPOINTS, checkpointName, type DiagnosisDetail, type Finding, FINDING_HEX, useDiagnosisWrite } from './shared.tsx';

interface Values { code: string; heldAt: string; place: string; finding: Finding; note: string; documentId?: string }

const FINDINGS: Finding[] = ['ok', 'issue', 'stop'];

/** The next checkpoint not yet recorded, in order. */
const nextCode = (d: DiagnosisDetail) => CHECKPOINTS.find((c) => !d.checkpoints.some((k) => k.code === c.code))?.code ?? 'C7';

export function CheckpointForm({ detail: d, open, onClose }: { detail: DiagnosisDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { date } = useBusinessDate();
  const [form] = Form.useForm<Values>();
  const finding = Form.useWatch('finding', form);
  const { error, setError, busy, run } = useDiagnosisWrite(d.id);
  const files = d.documents.filter((x) => x.kind === 'checkpoint');

  const submit = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    // The time is read as China time, whatever the browser's zone (dates are China time throughout).
    const heldAt = `${v.heldAt.length === 16 ? `${v.heldAt}:00` : v.heldAt}+08:00`;
    const ok = await run(() => api.post(`/diagnoses/${encodeURIComponent(d.id)}/checkpoints`, {
      code: v.code, heldAt, place: v.place.trim(), finding: v.finding, note: v.note.trim(), ...(v.documentId ? { documentId: v.documentId } : {}),
    }), v.finding === 'stop' ? t('diag.cp.recordedStop') : t('diag.cp.recorded', { code: v.code }));
    if (ok) onClose();
  };

  return (
    <Modal
      open={open} title={t('diag.cp.formTitle', { number: d.number })} width={680} okText={t('diag.cp.record')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ loading: busy, danger: finding === 'stop', ...{ 'data-testid': 'checkpoint-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}
    >
      <div data-testid="checkpoint-form">
        {error ? <ErrorAlert error={error} title={t('diag.cp.failed')} /> : null}
        <Form<Values>
          form={form} layout="vertical" preserve={false} onValuesChange={() => { if (error) setError(null); }}
          initialValues={{ code: nextCode(d), heldAt: `${date}T09:00`, place: '', finding: 'ok', note: '' }}
        >
          <Row gutter={12}>
            <Col xs={24} md={14}>
              <Form.Item name="code" label={t('diag.cp.code')} rules={[{ required: true }]}>
                <Select
                  data-testid="checkpoint-code"
                  options={CHECKPOINTS.map((c) => ({
                    value: c.code,
                    label: `${c.code} ${checkpointName(c.code, t)}${d.checkpoints.some((k) => k.code === c.code) ? ` ${t('diag.cp.alreadyRecorded')}` : ''}`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="heldAt" label={t('diag.cp.heldAt')} extra={t('diag.cp.heldAtHelp')} rules={[{ required: true, message: t('diag.cp.heldAtRequired') }]}>
                <Input type="datetime-local" data-testid="checkpoint-time" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="place" label={t('diag.cp.place')} rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('diag.cp.placeRule') }]}>
            <Input maxLength={200} placeholder={t('diag.cp.placePlaceholder')} data-testid="checkpoint-place" />
          </Form.Item>
          <Form.Item name="finding" label={t('diag.cp.finding')} rules={[{ required: true }]}>
            <Radio.Group data-testid="checkpoint-finding" optionType="button" buttonStyle="solid" options={FINDINGS.map((f) => ({
              value: f, label: <span style={{ color: finding === f ? undefined : FINDING_HEX[f] }}>{t(`diag.finding.${f}`)}</span>,
            }))} />
          </Form.Item>
          {finding === 'stop' ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('diag.cp.stopWarning')} /> : null}
          <Form.Item name="note" label={t('diag.cp.note')} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('diag.reasonRule') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="checkpoint-note" />
          </Form.Item>
          <Form.Item name="documentId" label={t('diag.cp.document')} extra={files.length ? undefined : t('diag.cp.noFiles')}>
            <Select allowClear disabled={!files.length} placeholder={t('diag.cp.documentPlaceholder')} options={files.map((f) => ({ value: f.id, label: f.fileName }))} />
          </Form.Item>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('diag.cp.modelNote')}</Typography.Text>
        </Form>
      </div>
    </Modal>
  );
}
