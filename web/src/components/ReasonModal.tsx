// A modal asking for one written reason before an action (驳回 a claim or a transfer): the length
// rule is checked here as the API checks it, and the API's own refusal is shown inside the modal.
import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';
import { useI18n } from '../lib/i18n.tsx';

export interface ReasonModalProps {
  open: boolean;
  title: string;
  help: string;
  label: string;
  /** Message when the trimmed reason is shorter than `min` or longer than `max`. */
  rule: string;
  min: number;
  max: number;
  okText: string;
  danger?: boolean;
  testId: string;
  onCancel(): void;
  /** Resolves when done (the modal closes); a rejection is shown in the modal. */
  onSubmit(reason: string): Promise<unknown>;
}

export function ReasonModal({ open, title, help, label, rule, min, max, okText, danger, testId, onCancel, onSubmit }: ReasonModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    let values: { reason: string };
    try { values = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(values.reason.trim());
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open} title={title} okText={okText} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ danger, loading: saving, ...{ 'data-testid': `${testId}-ok` } }}
      onCancel={() => { setError(null); onCancel(); }} onOk={() => void submit()}
    >
      <div data-testid={testId}>
        <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
        {error ? <ErrorAlert error={error} title={t('ent.fixErrors')} /> : null}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason" label={label} required
            rules={[{
              validator: (_, v?: string) => {
                const n = (v ?? '').trim().length;
                return n >= min && n <= max ? Promise.resolve() : Promise.reject(new Error(rule));
              },
            }]}
          >
            <Input.TextArea rows={4} maxLength={max} showCount data-testid={`${testId}-reason`} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
