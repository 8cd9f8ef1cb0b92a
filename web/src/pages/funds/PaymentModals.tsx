// 拨付 and 追回 of one approved application, shared by its detail page and the 拨付 page: the
// amount typed in 万元 or 元 (sent as exact integer fen), the paying level for 分级承担 measures,
// the date, the voucher number and the purpose (启动资金 before 验收, 奖补资金 after).
import { DateInput } from '../../components/DateInput.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Descriptions, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Application } from '../../api/applications.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { MoneyInput, type MoneyValue, moneyFen, moneyRule } from '../../components/MoneyInput.tsx';
import { fenToDecimal, formatMoney } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { payerLabel, refreshApplications } from '../applications/shared.tsx';

interface PayValues { amount: MoneyValue; level?: 'city' | 'county'; paidOn: string; voucher: string; purpose: 'advance' | 'award'; note?: string }

/** What is still to pay: approved less what was paid net of reclaims (before 验收: the 启动资金 left). */
export function payable(a: Application): number {
  const paid = a.disbursedFen - a.reclaimedFen;
  if (a.approvedFen === null) return 0;
  if (a.acceptance === 'passed') return Math.max(0, a.approvedFen - paid);
  if (a.acceptance === 'failed') return 0;
  return Math.max(0, a.advanceFen - paid);
}

function Figures({ a }: { a: Application }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
      <Descriptions.Item label={t('apl.number')}><span className="zgsz-mono">{a.number}</span></Descriptions.Item>
      <Descriptions.Item label={t('apl.enterprise')}>{a.enterpriseName}</Descriptions.Item>
      <Descriptions.Item label={t('apl.approved')}>{a.approvedFen === null ? '—' : formatMoney(a.approvedFen)}</Descriptions.Item>
      <Descriptions.Item label={t('apl.payer')}>{payerLabel(a.payer, t)}</Descriptions.Item>
      <Descriptions.Item label={t('apl.advance')}>{formatMoney(a.advanceFen)}</Descriptions.Item>
      <Descriptions.Item label={t('apl.disbursed')}>{formatMoney(a.disbursedFen)}{a.reclaimedFen ? `(${t('apl.reclaimed')} ${formatMoney(a.reclaimedFen)})` : ''}</Descriptions.Item>
    </Descriptions>
  );
}

export function DisburseModal({ application: a, open, onClose }: { application: Application; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { date } = useBusinessDate();
  const [form] = Form.useForm<PayValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const left = payable(a);
  const initial: PayValues = {
    amount: { amount: left ? fenToDecimal(left, '万元') : '', unit: '万元' }, paidOn: date, voucher: '',
    purpose: a.acceptance === 'passed' ? 'award' : 'advance', ...(a.payer === 'shared' ? { level: 'city' as const } : {}),
  };

  const submit = async () => {
    let v: PayValues;
    try { v = await form.validateFields(); } catch { return; }
    const amountFen = moneyFen(v.amount);
    if (amountFen === null) return;
    setSaving(true);
    setError(null);
    try {
      const res = await api.post<{ application: Application; assessment: { counted: boolean; note: string | null } }>(
        `/applications/${encodeURIComponent(a.id)}/disbursements`,
        { amountFen, ...(v.level ? { level: v.level } : {}), paidOn: v.paidOn, voucher: v.voucher.trim(), purpose: v.purpose, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
      );
      await refreshApplications(queryClient, a.id);
      message.success(t('pay.done', { amount: formatMoney(amountFen), voucher: v.voucher.trim() }));
      if (res.assessment.note) {
        modal.info({ title: res.assessment.counted ? t('pay.countedTitle') : t('pay.notCountedTitle'), content: res.assessment.note });
      }
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open} title={t('pay.disburseTitle')} okText={t('pay.disburse')} cancelText={t('common.cancel')} width={640} destroyOnHidden
      okButtonProps={{ loading: saving, ...{ 'data-testid': 'disburse-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}
    >
      <div data-testid="disburse-modal">
        <Figures a={a} />
        {a.acceptance !== 'passed' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('pay.beforeAcceptance', { advance: formatMoney(a.advanceFen) })} /> : null}
        {error ? <ErrorAlert error={error} title={t('pay.failed')} /> : null}
        <Form<PayValues> form={form} layout="vertical" initialValues={initial} preserve={false} onValuesChange={() => { if (error) setError(null); }}>
          <Form.Item name="amount" label={t('pay.amount')} required extra={t('pay.payable', { amount: formatMoney(left) })}
            rules={[moneyRule({ required: t('pay.amountRequired'), invalid: t('apl.moneyInvalid') })]}>
            <MoneyInput testId="disburse-amount" />
          </Form.Item>
          {a.payer === 'shared' ? (
            <Form.Item name="level" label={t('pay.level')} required>
              <Radio.Group options={[{ value: 'city', label: t('fund.level.city') }, { value: 'county', label: t('fund.level.county') }]} />
            </Form.Item>
          ) : null}
          <Form.Item name="purpose" label={t('pay.purpose')} required>
            <Radio.Group data-testid="disburse-purpose" options={[
              { value: 'award', label: t('pay.purpose.award'), disabled: a.acceptance !== 'passed' },
              { value: 'advance', label: t('pay.purpose.advance'), disabled: a.acceptance === 'passed' },
            ]} />
          </Form.Item>
          <Form.Item name="paidOn" label={t('pay.paidOn')} rules={[{ required: true, message: t('pay.paidOnRequired') }]}>
            <DateInput max={date} testId="disburse-date" />
          </Form.Item>
          <Form.Item name="voucher" label={t('pay.voucher')} rules={[{ required: true, whitespace: true, min: 2, max: 40, message: t('pay.voucherRule') }]}>
            <Input maxLength={40} placeholder="YZCZ-2023-0001" data-testid="disburse-voucher" />
          </Form.Item>
          <Form.Item name="note" label={t('pay.note')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

interface ReclaimValues { amount: MoneyValue; level?: 'city' | 'county'; paidOn: string; voucher: string; note?: string }

export function ReclaimModal({ application: a, open, onClose }: { application: Application; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { date } = useBusinessDate();
  const [form] = Form.useForm<ReclaimValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const outstanding = Math.max(0, a.disbursedFen - a.reclaimedFen);

  const submit = async () => {
    let v: ReclaimValues;
    try { v = await form.validateFields(); } catch { return; }
    const amountFen = moneyFen(v.amount);
    if (amountFen === null) return;
    setSaving(true);
    setError(null);
    try {
      await api.post<Application>(`/applications/${encodeURIComponent(a.id)}/reclaims`,
        { amountFen, ...(v.level ? { level: v.level } : {}), paidOn: v.paidOn, voucher: v.voucher.trim(), ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
      await refreshApplications(queryClient, a.id);
      message.success(t('pay.reclaimed', { amount: formatMoney(amountFen) }));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open} title={t('pay.reclaimTitle')} okText={t('pay.reclaim')} cancelText={t('common.cancel')} width={640} destroyOnHidden okButtonProps={{ danger: true, loading: saving }}
      onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}
    >
      <div data-testid="reclaim-modal">
        <Figures a={a} />
        <Typography.Paragraph type="secondary">{t('pay.reclaimHelp', { amount: formatMoney(outstanding) })}</Typography.Paragraph>
        {error ? <ErrorAlert error={error} title={t('act.failed')} /> : null}
        <Form<ReclaimValues> form={form} layout="vertical" preserve={false}
          initialValues={{ amount: { amount: fenToDecimal(outstanding, '万元'), unit: '万元' }, paidOn: date, voucher: '', ...(a.payer === 'shared' ? { level: 'city' } : {}) }}>
          <Form.Item name="amount" label={t('pay.reclaimAmount')} required rules={[moneyRule({ required: t('pay.amountRequired'), invalid: t('apl.moneyInvalid') })]}>
            <MoneyInput testId="reclaim-amount" />
          </Form.Item>
          {a.payer === 'shared' ? (
            <Form.Item name="level" label={t('pay.level')} required>
              <Radio.Group options={[{ value: 'city', label: t('fund.level.city') }, { value: 'county', label: t('fund.level.county') }]} />
            </Form.Item>
          ) : null}
          <Form.Item name="paidOn" label={t('pay.receivedOn')} rules={[{ required: true, message: t('pay.paidOnRequired') }]}>
            <DateInput max={date} />
          </Form.Item>
          <Form.Item name="voucher" label={t('pay.voucher')} rules={[{ required: true, whitespace: true, min: 2, max: 40, message: t('pay.voucherRule') }]}>
            <Input maxLength={40} data-testid="reclaim-voucher" />
          </Form.Item>
          <Form.Item name="note" label={t('pay.note')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
