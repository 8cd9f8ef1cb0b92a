// 申请划转: an officer asks the city to move an enterprise filed in another region into theirs,
// with the USCC (given when the create form found it filed elsewhere) and the reason.
import { currentErrorLang, fieldErrorText } from '../../lib/errors-i18n.ts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import type { EnterpriseTransfer } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../lib/i18n.tsx';

interface Values { uscc: string; reason: string }

export function TransferRequestModal({ open, uscc, onClose, onRequested }: {
  open: boolean;
  /** Fixed when the create form found the USCC filed elsewhere; typed in otherwise. */
  uscc?: string;
  onClose(): void;
  onRequested?(t: EnterpriseTransfer): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      const created = await api.post<EnterpriseTransfer>('/enterprise-transfers', { uscc: (uscc ?? v.uscc).trim().toUpperCase(), reason: v.reason.trim() });
      message.success(t('transfer.requested'));
      await queryClient.invalidateQueries({ queryKey: ['enterprise-transfers'] });
      form.resetFields();
      onClose();
      onRequested?.(created);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && (e.field === 'uscc' || e.field === 'reason') && !(e.field === 'uscc' && uscc)) {
        form.setFields([{ name: e.field, errors: [e instanceof ApiError ? fieldErrorText(e, currentErrorLang()) : errorMessage(e)] }]);
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open} title={t('transfer.requestTitle')} okText={t('transfer.request')} cancelText={t('common.cancel')} width={560} destroyOnHidden
      okButtonProps={{ loading: saving, ...{ 'data-testid': 'transfer-request-submit' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}
    >
      <div data-testid="transfer-request-form">
        <Typography.Paragraph type="secondary">{t('transfer.requestHelp')}</Typography.Paragraph>
        {error ? <ErrorAlert error={error} title={t('ent.fixErrors')} /> : null}
        <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ uscc: uscc ?? '' }} onValuesChange={() => { if (error) setError(null); }}>
          <Form.Item name="uscc" label={t('field.uscc')} rules={[{ required: true, whitespace: true, message: t('ent.required', { label: t('field.uscc') }) }]}>
            <Input maxLength={18} disabled={!!uscc} className="zgsz-mono" data-testid="transfer-uscc" />
          </Form.Item>
          <Form.Item
            name="reason" label={t('transfer.reason')} extra={t('transfer.reasonHint')} required
            rules={[{ validator: (_, r?: string) => { const n = (r ?? '').trim().length; return n >= 4 && n <= 500 ? Promise.resolve() : Promise.reject(new Error(t('transfer.reasonRule'))); } }]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount data-testid="transfer-reason" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
