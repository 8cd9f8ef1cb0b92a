// The modal every recording form opens in: the form, the API's refusal shown above it and on the
// fields it names, and the lists refreshed after a save. Dates are picked on a calendar and sent
// as YYYY-MM-DD.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, DatePicker, Form, type FormInstance, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-assessment.ts';
import { showApiError } from './shared.tsx';

export function RecordModal<V extends object>({ open, title, onClose, onSubmit, initialValues, children, testId, width = 760, form: given }: {
  open: boolean; title: ReactNode; onClose: () => void; onSubmit: (values: V) => Promise<unknown>; initialValues?: Partial<V>;
  children: ReactNode; testId: string; width?: number; form?: FormInstance<V>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: onSubmit,
    onSuccess: async () => {
      setProblem(null);
      message.success(t('asc.rec.saved'));
      await queryClient.invalidateQueries({ queryKey: ['assessment'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => setProblem(showApiError(form, e)),
  });
  return (
    <Modal open={open} title={title} width={width} destroyOnHidden okText={t('asc.rec.save')} cancelText={t('common.cancel')}
      onCancel={() => { setProblem(null); onClose(); }} okButtonProps={{ loading: save.isPending, 'data-testid': `${testId}-ok` } as ButtonProps}
      onOk={() => { void form.validateFields().then((v) => save.mutate(v), () => undefined); }}>
      <div data-testid={testId}>
        {problem ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={t('asc.rec.refused')} description={problem} data-testid={`${testId}-error`} /> : null}
        <Form<V> form={form} layout="vertical" initialValues={initialValues} preserve={false} onValuesChange={() => setProblem(null)}>
          {children}
        </Form>
      </div>
    </Modal>
  );
}

/** A date field whose form value is the ISO string the API takes. */
export function DateItem({ name, label, required = true, testId, extra, year }: {
  name: string; label: ReactNode; required?: boolean; testId: string; extra?: ReactNode; year: number;
}) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} extra={extra} rules={required ? [{ required: true, message: t('asc.rec.dateRequired') }] : []}
      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
      normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}>
      {/* The calendar opens in the assessment year, not today's month of another year. */}
      <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} data-testid={testId} defaultPickerValue={dayjs(`${year}-01-01`)} />
    </Form.Item>
  );
}
