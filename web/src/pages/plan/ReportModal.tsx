// 报送 one indicator's figure for a month (POST /plan/reports): the value in the indicator's unit (个,
// %, or an amount in 万元/元 sent as 元), a note, and 证明材料 uploaded first (POST /plan/evidence) and
// cited by SHA-256. A month already reported is a correction: the form shows the current figure,
// sends the revision it replaces and asks for the reason. The API's refusals (a running total that
// went down without a note, a month not yet come, someone else correcting first) show on the field
// they name.
import { PaperClipOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Modal, Row, Select, Space, Typography, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, request } from '../../api/client.ts';
import { type IndicatorUnit, type PlanTree, type ReportBody, refreshPlan, type UploadedEvidence, useIndicatorHistory } from '../../api/plan.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { MoneyInput, type MoneyValue, moneyFen, moneyRule } from '../../components/MoneyInput.tsx';
import { fenToDecimal } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { inputOf, kindLabel, measureFor, monthLabel, type ReportTarget, unitWord, useBusinessMonth, ymLabel } from './shared.tsx';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx,.doc,.xls,.ppt';
/** The types the API takes as an upload body (src/server/routes/applications.ts UPLOAD_TYPES); anything else goes as octet-stream. */
const UPLOAD_MIME = new Set([
  'application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);
const FIELDS = ['year', 'month', 'value', 'note', 'evidence'] as const;
type Field = (typeof FIELDS)[number];

interface Values { year: number; month: number; value?: string; money?: MoneyValue; note?: string }

export function ReportModal({ target, plan, onClose }: { target: ReportTarget; plan: PlanTree | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const now = useBusinessMonth();
  const [files, setFiles] = useState<UploadFile<UploadedEvidence>[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const history = useIndicatorHistory(target.indicatorId, target.regionId);
  const year = Form.useWatch('year', form) ?? target.year;
  const month = Form.useWatch('month', form) ?? target.month;
  const money = target.unit === 'money';

  const current = useMemo(() => history.data?.series.find((s) => s.year === year && s.month === month) ?? null, [history.data, year, month]);
  const currentRevision = useMemo(() => history.data?.revisions.find((r) => r.year === year && r.month === month && r.revision === current?.revision) ?? null, [history.data, year, month, current]);
  // The nearest month reported before this one (the same year for a yearly figure), as a hint.
  const previous = useMemo(() => {
    const at = year * 12 + month;
    return (history.data?.series ?? []).filter((s) => s.year * 12 + s.month < at && (target.kind !== 'yearly' || s.year === year))
      .sort((a, b) => b.year * 12 + b.month - (a.year * 12 + a.month))[0] ?? null;
  }, [history.data, year, month, target.kind]);
  const correcting = !!current;

  // A month already reported opens with its figure, so a correction starts from what is on file.
  useEffect(() => {
    if (!history.data) return;
    const v = current ? inputOf(target.unit, current.value) : '';
    form.setFieldsValue(money ? { money: { amount: v, unit: '万元' } } : { value: v });
    form.setFields([{ name: 'note', errors: [] }, { name: money ? 'money' : 'value', errors: [] }]);
  }, [current, history.data, form, money, target.unit]);

  const maxYear = Math.min(plan?.lastYear ?? now.year, now.year);
  const years = Array.from({ length: Math.max(1, maxYear - (plan?.firstYear ?? maxYear) + 1) }, (_, i) => maxYear - i);
  const measure = measureFor(plan, target.indicatorId);
  const unit = money ? '' : unitWord(target.unit, t, measure);

  const customRequest: UploadProps<UploadedEvidence>['customRequest'] = ({ file, onSuccess, onError }) => {
    const f = file as File;
    request<UploadedEvidence>('POST', '/plan/evidence', { query: { name: f.name }, raw: { data: f, contentType: UPLOAD_MIME.has(f.type) ? f.type : 'application/octet-stream' } })
      .then((r) => onSuccess?.(r))
      .catch((e: unknown) => {
        message.error({ content: `${f.name}:${errorMessage(e)}`, duration: 8 });
        onError?.(e instanceof Error ? e : new Error(errorMessage(e)));
      });
  };

  const submit = async () => {
    setError(null);
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    if (files.some((f) => f.status === 'uploading')) {
      setError(new Error(t('plan.report.stillUploading')));
      return;
    }
    const value = money ? fenToDecimal(moneyFen(v.money)!, '元') : (v.value ?? '').trim().replace(/%$/, '');
    const evidence = files.filter((f) => f.status === 'done' && f.response).map((f) => ({ sha256: f.response!.sha256, fileName: f.response!.fileName }));
    const body: ReportBody = {
      indicatorId: target.indicatorId, year: v.year, month: v.month, value,
      ...(target.regionId ? { regionId: target.regionId } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      ...(evidence.length ? { evidence } : {}),
      ...(current ? { replaces: current.revision } : {}),
    };
    setBusy(true);
    try {
      const r = await request<{ revision: number }>('POST', '/plan/reports', { body });
      message.success(t(r.revision > 1 ? 'plan.report.corrected' : 'plan.report.done', {
        name: target.name, period: ymLabel(t, v.year, v.month), revision: r.revision,
      }));
      await refreshPlan(qc);
      onClose();
    } catch (e) {
      const field = e instanceof ApiError ? formField(e.field) : null;
      if (field) {
        const name = field === 'value' && money ? 'money' : field;
        if (name === 'evidence') setError(e);
        else form.setFields([{ name, errors: [errorMessage(e)] }]);
      } else setError(e);
      // Someone else reported or corrected first: show the figure now on file.
      if (e instanceof ApiError && e.status === 409) void history.refetch();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open onCancel={onClose} width={680} destroyOnHidden mask={{ closable: false }} data-testid="plan-report-form"
      title={<span>{correcting ? t('plan.report.titleCorrect') : t('plan.report.title')}:{target.name}{target.regionName ? `(${target.regionName})` : ''}</span>}
      footer={(
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" icon={<SendOutlined />} loading={busy} disabled={history.isPending} onClick={() => void submit()} data-testid="plan-report-submit">
            {correcting ? t('plan.report.submitCorrect') : t('plan.report.submit')}
          </Button>
        </Space>
      )}
    >
      <div className="zgsz-kv" style={{ marginBottom: 10 }}>
        <span><em>{t('plan.col.reporter')}</em>{target.reporterName ?? '—'}</span>
        <span><em>{t('plan.field.kind')}</em>{kindLabel(target.kind, t)}</span>
        <span><em>{t('plan.field.unit')}</em>{money ? t('plan.unit.moneyInput') : unit}</span>
      </div>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(`plan.report.rule.${target.kind}`)} />
      {history.isError ? <ErrorAlert error={history.error} onRetry={() => void history.refetch()} /> : null}
      {correcting && current ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="plan-report-correcting"
          title={t('plan.report.correcting', { period: ymLabel(t, year, month), value: current.display, revision: current.revision })}
          description={currentRevision ? t('plan.report.correctingBy', { name: currentRevision.reportedByName, date: currentRevision.reportedOn }) : undefined} />
      ) : null}
      <Form<Values> form={form} layout="vertical" initialValues={{ year: target.year, month: target.month }}
        onValuesChange={(changed: Partial<Values>) => {
          if (error) setError(null);
          // A field's server error goes when the officer edits it; changing the month clears them all.
          const touched = Object.keys(changed);
          if (touched.includes('year') || touched.includes('month')) form.setFields(FIELDS.filter((f) => f !== 'evidence').map((name) => ({ name, errors: [] })));
        }}>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name="year" label={t('plan.field.year')} rules={[{ required: true }]}>
              <Select options={years.map((y) => ({ value: y, label: t('plan.year', { year: y }) }))} data-testid="plan-report-year"
                onChange={(y: number) => { if (y === now.year && form.getFieldValue('month') > now.month) form.setFieldValue('month', now.month); }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="month" label={t('plan.field.month')} rules={[{ required: true }]}>
              <Select data-testid="plan-report-month"
                options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: monthLabel(t, i + 1), disabled: year === now.year && i + 1 > now.month }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {money ? (
              <Form.Item name="money" label={t('plan.field.value')} required extra={previous ? t('plan.report.previous', { period: ymLabel(t, previous.year, previous.month), value: previous.display }) : t('plan.report.moneyHelp')}
                rules={[moneyRule({ required: t('plan.report.valueRequired'), invalid: t('plan.report.valueInvalid.money') })]}>
                <MoneyInput testId="plan-report-value" />
              </Form.Item>
            ) : (
              <Form.Item name="value" label={t('plan.field.value')} required
                extra={previous ? t('plan.report.previous', { period: ymLabel(t, previous.year, previous.month), value: previous.display }) : undefined}
                rules={[{ validator: (_, v?: string) => valueCheck(target.unit, v, t) }]}>
                <Input inputMode="decimal" autoComplete="off" suffix={<span className="zgsz-unit">{unit}</span>} style={{ textAlign: 'right' }} data-testid="plan-report-value" />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item name="note" label={correcting ? t('plan.field.noteCorrect') : t('plan.field.note')} required={correcting}
          extra={correcting ? t('plan.report.noteCorrectHelp') : t('plan.report.noteHelp')}
          rules={correcting ? [{ required: true, whitespace: true, message: t('plan.report.noteRequired') }] : []}>
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="plan-report-note" placeholder={correcting ? t('plan.report.notePlaceholderCorrect') : t('plan.report.notePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('plan.field.evidence')} extra={t('plan.report.evidenceHelp')}>
          <Upload<UploadedEvidence>
            multiple accept={ACCEPT} fileList={files} customRequest={customRequest} maxCount={20}
            beforeUpload={(f) => {
              if (f.size > MAX_BYTES) {
                message.error(t('plan.report.tooLarge', { name: f.name }));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            onChange={({ fileList }) => setFiles(fileList)}
          >
            <Button icon={<UploadOutlined />}>{t('plan.report.upload')}</Button>
          </Upload>
          {currentRevision?.evidence.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
              <PaperClipOutlined /> {t('plan.report.currentEvidence', { files: currentRevision.evidence.map((e) => e.fileName).join('、') })}
            </Typography.Text>
          ) : null}
        </Form.Item>
      </Form>
      {error ? <div data-testid="plan-report-error"><ErrorAlert error={error} title={t('plan.report.failed')} /></div> : null}
    </Modal>
  );
}

/** The field of the form an API error names (evidence[0].sha256 → evidence); null for the rest. */
function formField(field: string | undefined): Field | null {
  if (!field) return null;
  const base = field.replace(/\[.*$/, '').replace(/\..*$/, '');
  return (FIELDS as readonly string[]).includes(base) ? (base as Field) : null;
}

function valueCheck(unit: IndicatorUnit, v: string | undefined, t: ReturnType<typeof useI18n>['t']): Promise<void> {
  const s = (v ?? '').trim().replace(/%$/, '');
  if (!s) return Promise.reject(new Error(t('plan.report.valueRequired')));
  if (unit === 'count' && !/^\d{1,13}$/.test(s)) return Promise.reject(new Error(t('plan.report.valueInvalid.count')));
  if (unit === 'percent' && (!/^\d{1,3}(\.\d{1,2})?$/.test(s) || Number(s) > 100)) return Promise.reject(new Error(t('plan.report.valueInvalid.percent')));
  return Promise.resolve();
}
