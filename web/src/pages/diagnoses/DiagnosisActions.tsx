// What the signed-in user may do now with one diagnosis, each shown only to whom it applies (the
// domain's record-level checks with the status; the API checks again): the dispatcher 派单 and 取消;
// the enterprise withdraws its request, returns or accepts the report (满意度 1–5); the provider 签约
// (fees in 元 or 万元, exact fen), 进场, 现场评测 and 提交报告; the supervisor records checkpoints and
// lifts a payment stop; finance pays the provider and the supervisor. Every write sends the version
// shown and refreshes the page.
import { DateInput } from '../../components/DateInput.tsx';
import {
  AuditOutlined, CheckOutlined, CloseOutlined, EnvironmentOutlined, FileDoneOutlined, FormOutlined, PayCircleOutlined, PlayCircleOutlined,
  RollbackOutlined, SendOutlined, UndoOutlined, UnlockOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Divider, Form, Input, Modal, Radio, Rate, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { MoneyInput, type MoneyValue, moneyFen, moneyRule } from '../../components/MoneyInput.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { formatMoney } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-diagnoses.ts';
import { CheckpointForm } from './CheckpointForm.tsx';
import { DispatchModal } from './DispatchModal.tsx';
import { ReportForm } from './ReportForm.tsx';
import { type Abilities, type DiagnosisDetail, isOverdue, type Payee, refreshDiagnoses, rememberedOnSite, useDiagnosisWrite } from './shared.tsx';

type Open = 'dispatch' | 'cancel' | 'withdraw' | 'contract' | 'start' | 'report' | 'return' | 'accept' | 'checkpoint' | 'resume' | 'pay' | null;

export function DiagnosisActions({ detail: d, may }: { detail: DiagnosisDetail; may: Abilities }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const onSite = d.maturityId ?? d.onSiteMaturity?.id ?? rememberedOnSite(d.id);
  const deliverNow = may.deliver && ['dispatched', 'contracted', 'on_site'].includes(d.status);
  const any = may.dispatchFunding !== null || may.cancel || may.withdraw || deliverNow || may.supervise || may.accept || may.pay;

  /** A write with one written reason (取消, 撤回, 退回报告, 恢复支付): the modal shows the API's refusal. */
  const reasoned = (path: string, done: string) => async (reason: string) => {
    const out = await api.post<DiagnosisDetail>(`/diagnoses/${encodeURIComponent(d.id)}/${path}`, { version: d.version, reason });
    close();
    message.success(done);
    await refreshDiagnoses(queryClient, d.id, out);
  };

  return (
    <Card size="small" title={t('diag.act.title')} data-testid="diagnosis-actions" className="zgsz-action-panel">
      <CurrentState detail={d} />
      {may.dispatchFunding ? (
        <Section title={t('diag.act.dispatcher')}>
          <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen('dispatch')} data-testid="open-dispatch">{t('diag.act.dispatch')}</Button>
          {may.dispatchFunding !== d.funding ? <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>{t('diag.act.dispatchOwnQuota')}</Typography.Paragraph> : null}
        </Section>
      ) : null}
      {deliverNow ? (
        <Section title={t('diag.act.provider')}>
          <Space wrap>
            {d.status === 'dispatched' ? <Button type="primary" icon={<FileDoneOutlined />} onClick={() => setOpen('contract')} data-testid="open-contract">{t('diag.act.contract')}</Button> : null}
            {d.status === 'contracted' ? <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setOpen('start')} data-testid="open-start">{t('diag.act.start')}</Button> : null}
            {d.status === 'contracted' || d.status === 'on_site' ? (
              <Button icon={<AuditOutlined />} onClick={() => navigate(onSite ? `/maturity/${onSite}` : `/maturity/new?diagnosisId=${d.id}`)} data-testid="open-onsite">
                {onSite ? t('diag.onSite.open') : t('diag.onSite.start')}
              </Button>
            ) : null}
            {d.status === 'on_site' ? <Button type="primary" icon={<FormOutlined />} onClick={() => setOpen('report')} data-testid="open-report">{t('diag.act.report')}</Button> : null}
          </Space>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>{t(`diag.act.providerHelp.${d.status as 'dispatched' | 'contracted' | 'on_site'}`)}</Typography.Paragraph>
        </Section>
      ) : null}
      {may.accept ? (
        <Section title={t('diag.act.enterprise')}>
          <Space wrap>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setOpen('accept')} data-testid="open-accept">{t('diag.act.accept')}</Button>
            <Button icon={<RollbackOutlined />} onClick={() => setOpen('return')} data-testid="open-return">{t('diag.act.return')}</Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>{t('diag.act.acceptHelp')}</Typography.Paragraph>
        </Section>
      ) : null}
      {may.supervise ? (
        <Section title={t('diag.act.supervisor')}>
          <Space wrap>
            <Button type="primary" icon={<EnvironmentOutlined />} onClick={() => setOpen('checkpoint')} data-testid="open-checkpoint">{t('diag.act.checkpoint')}</Button>
            {d.paymentStopped ? <Button icon={<UnlockOutlined />} onClick={() => setOpen('resume')} data-testid="open-resume">{t('diag.act.resume')}</Button> : null}
          </Space>
        </Section>
      ) : null}
      {may.pay ? (
        <Section title={t('diag.act.finance')}>
          {d.paymentStopped ? <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t('diag.act.payBlocked')} /> : null}
          <Button type="primary" icon={<PayCircleOutlined />} disabled={d.paymentStopped} onClick={() => setOpen('pay')} data-testid="open-pay">{t('diag.act.pay')}</Button>
        </Section>
      ) : null}
      {may.cancel || may.withdraw ? (
        <Section title={may.withdraw ? t('diag.act.enterprise') : t('diag.act.other')}>
          <Button danger icon={may.withdraw ? <UndoOutlined /> : <CloseOutlined />} onClick={() => setOpen(may.withdraw ? 'withdraw' : 'cancel')} data-testid="open-cancel">
            {may.withdraw ? t('diag.act.withdraw') : t('diag.act.cancel')}
          </Button>
        </Section>
      ) : null}
      {!any ? <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="no-action">{t('diag.act.none')}</Typography.Paragraph> : null}

      {may.dispatchFunding ? <DispatchModal diagnosis={d} funding={may.dispatchFunding} open={open === 'dispatch'} onClose={close} /> : null}
      {may.deliver ? <ContractModal detail={d} open={open === 'contract'} onClose={close} /> : null}
      {may.deliver ? <StartModal detail={d} open={open === 'start'} onClose={close} /> : null}
      {may.deliver && d.status === 'on_site' ? <ReportForm detail={d} open={open === 'report'} onClose={close} /> : null}
      {may.accept ? <AcceptModal detail={d} open={open === 'accept'} onClose={close} /> : null}
      {may.supervise ? <CheckpointForm detail={d} open={open === 'checkpoint'} onClose={close} /> : null}
      {may.pay ? <PayModal detail={d} open={open === 'pay'} onClose={close} /> : null}
      <ReasonModal
        open={open === 'cancel'} title={t('diag.cancel.title', { number: d.number })} help={t('diag.cancel.help')} label={t('diag.cancel.reason')} rule={t('diag.reasonRule')}
        min={2} max={500} okText={t('diag.act.cancel')} danger testId="cancel-modal" onCancel={close} onSubmit={reasoned('cancel', t('diag.cancel.done'))}
      />
      <ReasonModal
        open={open === 'withdraw'} title={t('diag.withdraw.title')} help={t('diag.withdraw.help')} label={t('diag.withdraw.reason')} rule={t('diag.reasonRule')}
        min={2} max={500} okText={t('diag.act.withdraw')} danger testId="withdraw-modal" onCancel={close} onSubmit={reasoned('cancel', t('diag.withdraw.done'))}
      />
      <ReasonModal
        open={open === 'return'} title={t('diag.return.title')} help={t('diag.return.help')} label={t('diag.return.reason')} rule={t('diag.reasonRule')}
        min={2} max={500} okText={t('diag.act.return')} testId="return-modal" onCancel={close} onSubmit={reasoned('return', t('diag.return.done'))}
      />
      <ReasonModal
        open={open === 'resume'} title={t('diag.resume.title')} help={t('diag.resume.help', { reason: d.paymentStopReason ?? '' })} label={t('diag.resume.reason')} rule={t('diag.reasonRule')}
        min={2} max={500} okText={t('diag.act.resume')} testId="resume-modal" onCancel={close} onSubmit={reasoned('resume-payment', t('diag.resume.done'))}
      />
    </Card>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <Divider titlePlacement="start" plain style={{ margin: '4px 0 10px' }}>{title}</Divider>
      {children}
    </div>
  );
}

function CurrentState({ detail: d }: { detail: DiagnosisDetail }) {
  const { t } = useI18n();
  const { date } = useBusinessDate();
  const late = isOverdue(d, date);
  const due = d.dueOn ?? '—';
  const text = d.status === 'cancelled' ? t('diag.state.cancelled') : t(`diag.state.${d.status}`, { due });
  const lastReturn = d.status === 'on_site' ? [...d.history].reverse().find((h) => h.action === 'return') : undefined;
  return (
    <Alert
      type={d.status === 'cancelled' ? 'error' : late || lastReturn ? 'warning' : d.status === 'paid' ? 'success' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="diagnosis-state"
      title={text}
      description={d.status === 'cancelled' && d.cancelReason ? `${t('diag.reason')}:${d.cancelReason}`
        : lastReturn ? `${t('diag.state.returned')}:${lastReturn.summary}`
          : late ? t('diag.state.overdue', { due, today: date }) : undefined}
    />
  );
}

// ---- 签约 ----

interface PolicyMeasure { id: string; title: string; clause: string; quote: string; topic?: string; reading?: string; amount: string }

function useDiagnosisMeasures(d: DiagnosisDetail, enabled: boolean) {
  const policy = useQuery({
    queryKey: ['policy', d.policyId, 'diagnosis-measures'], enabled, staleTime: 300_000,
    queryFn: () => api.get<{ measureList: PolicyMeasure[] }>(`/policies/${encodeURIComponent(d.policyId)}`),
  });
  const measures = policy.data?.measureList ?? [];
  return {
    fee: measures.find((m) => m.id === d.measureId),
    supervision: measures.find((m) => m.topic === 'diagnosis' && m.id !== d.measureId && /supervis/.test(m.id)),
  };
}

interface ContractValues { fee: MoneyValue; supervisionFee: MoneyValue; contractedOn: string }

function ContractModal({ detail: d, open, onClose }: { detail: DiagnosisDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { date } = useBusinessDate();
  const [form] = Form.useForm<ContractValues>();
  const { error, setError, busy, run } = useDiagnosisWrite(d.id);
  const { fee, supervision } = useDiagnosisMeasures(d, open);
  const missing = (['agreement', 'contract'] as const).filter((k) => !d.documents.some((x) => x.kind === k));

  const submit = async () => {
    let v: ContractValues;
    try { v = await form.validateFields(); } catch { return; }
    const feeFen = moneyFen(v.fee);
    const supervisionFeeFen = moneyFen(v.supervisionFee);
    if (feeFen === null || supervisionFeeFen === null) return;
    const ok = await run(() => api.post(`/diagnoses/${encodeURIComponent(d.id)}/contract`, { version: d.version, feeFen, supervisionFeeFen, contractedOn: v.contractedOn }), t('diag.contract.done'));
    if (ok) onClose();
  };
  const positive = (message: string) => ({ validator: (_: unknown, v?: MoneyValue) => (moneyFen(v) === 0 ? Promise.reject(new Error(message)) : Promise.resolve()) });

  return (
    <Modal open={open} title={t('diag.contract.title', { number: d.number })} width={640} okText={t('diag.act.contract')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'contract-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      <div data-testid="contract-modal">
        {missing.length ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="contract-missing"
            title={t('diag.contract.missing', { docs: missing.map((k) => t(`diag.doc.${k}`)).join(t('diag.and')) })} description={t('diag.contract.missingHelp')} />
        ) : <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('diag.contract.docsOk')} />}
        <Descriptions size="small" bordered column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('diag.contract.feeRule')}>
            {fee ? <span>{fee.clause}“{fee.quote}”{fee.reading ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{fee.reading}</Typography.Text> : null}</span> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('diag.contract.supervisionRule')}>
            {supervision ? <span>{supervision.clause}“{supervision.quote}”</span> : t('diag.contract.supervisionByContract')}
          </Descriptions.Item>
        </Descriptions>
        {error ? <ErrorAlert error={error} title={t('diag.contract.failed')} /> : null}
        <Form<ContractValues> form={form} layout="vertical" preserve={false} onValuesChange={() => { if (error) setError(null); }}
          initialValues={{ fee: { amount: '', unit: '元' }, supervisionFee: { amount: '', unit: '元' }, contractedOn: date }}>
          <Form.Item name="fee" label={t('diag.field.fee')} required extra={t('diag.contract.feeHelp')}
            rules={[moneyRule({ required: t('diag.contract.feeRequired'), invalid: t('diag.moneyInvalid') }), positive(t('diag.contract.feePositive'))]}>
            <MoneyInput testId="contract-fee" units={['元', '万元']} />
          </Form.Item>
          <Form.Item name="supervisionFee" label={t('diag.field.supervisionFee')} required
            rules={[moneyRule({ required: t('diag.contract.supervisionRequired'), invalid: t('diag.moneyInvalid') }), positive(t('diag.contract.feePositive'))]}>
            <MoneyInput testId="contract-supervision-fee" units={['元', '万元']} />
          </Form.Item>
          <Form.Item name="contractedOn" label={t('diag.field.contractedOn')} rules={[{ required: true, message: t('diag.dateRequired') }]}>
            <DateInput max={date} testId="contract-date" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

// ---- 进场 ----

function StartModal({ detail: d, open, onClose }: { detail: DiagnosisDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { date } = useBusinessDate();
  const [form] = Form.useForm<{ onSiteFrom: string }>();
  const { error, setError, busy, run } = useDiagnosisWrite(d.id);
  const submit = async () => {
    let v: { onSiteFrom: string };
    try { v = await form.validateFields(); } catch { return; }
    const ok = await run(() => api.post(`/diagnoses/${encodeURIComponent(d.id)}/start`, { version: d.version, onSiteFrom: v.onSiteFrom }), t('diag.start.done'));
    if (ok) onClose();
  };
  return (
    <Modal open={open} title={t('diag.start.title', { number: d.number })} okText={t('diag.act.start')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'start-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      <Typography.Paragraph type="secondary">{t('diag.start.help')}</Typography.Paragraph>
      {error ? <ErrorAlert error={error} title={t('diag.start.failed')} /> : null}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ onSiteFrom: date }}>
        <Form.Item name="onSiteFrom" label={t('diag.field.onSiteFrom')} rules={[{ required: true, message: t('diag.dateRequired') }]}>
          <DateInput testId="start-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- 确认验收 ----

function AcceptModal({ detail: d, open, onClose }: { detail: DiagnosisDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ satisfaction: number; note?: string }>();
  const { error, setError, busy, run } = useDiagnosisWrite(d.id);
  const submit = async () => {
    let v: { satisfaction: number; note?: string };
    try { v = await form.validateFields(); } catch { return; }
    const ok = await run(() => api.post(`/diagnoses/${encodeURIComponent(d.id)}/accept`, {
      version: d.version, satisfaction: v.satisfaction, ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    }), t('diag.accept.done'));
    if (ok) onClose();
  };
  return (
    <Modal open={open} title={t('diag.accept.title', { number: d.number })} okText={t('diag.act.accept')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'accept-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      <Typography.Paragraph type="secondary">{t('diag.accept.help')}</Typography.Paragraph>
      {error ? <ErrorAlert error={error} title={t('diag.accept.failed')} /> : null}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="satisfaction" label={t('diag.field.satisfaction')} rules={[{ required: true, message: t('diag.accept.rateRequired') }]}>
          <Rate count={5} tooltips={[1, 2, 3, 4, 5].map((n) => t(`diag.rate.${n as 1 | 2 | 3 | 4 | 5}`))} data-testid="accept-rate" />
        </Form.Item>
        <Form.Item name="note" label={t('diag.accept.note')} rules={[{ max: 500, message: t('diag.accept.noteRule') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('diag.accept.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- 支付 ----

interface PayValues { payee: Payee; paidOn: string; voucher: string }

function PayModal({ detail: d, open, onClose }: { detail: DiagnosisDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { date } = useBusinessDate();
  const [form] = Form.useForm<PayValues>();
  const payee = Form.useWatch('payee', form);
  const { error, setError, busy, run } = useDiagnosisWrite(d.id);
  const due: Record<Payee, number> = {
    provider: Math.max(0, (d.subsidyFen ?? 0) - d.providerPaidFen),
    supervisor: Math.max(0, (d.supervisionSubsidyFen ?? 0) - d.supervisorPaidFen),
  };
  const submit = async () => {
    let v: PayValues;
    try { v = await form.validateFields(); } catch { return; }
    const ok = await run(() => api.post(`/diagnoses/${encodeURIComponent(d.id)}/payments`, { version: d.version, payee: v.payee, paidOn: v.paidOn, voucher: v.voucher.trim() }),
      t('diag.pay.done', { amount: formatMoney(due[v.payee]), voucher: v.voucher.trim() }));
    if (ok) onClose();
  };
  return (
    <Modal open={open} title={t('diag.pay.title', { number: d.number })} width={600} okText={t('diag.act.pay')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'pay-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      <div data-testid="pay-modal">
        <Descriptions size="small" bordered column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('diag.pay.provider', { name: d.providerName ?? '—' })}>
            {formatMoney(d.subsidyFen ?? 0)}{d.providerPaidFen ? `(${t('diag.pay.paid')} ${formatMoney(d.providerPaidFen)})` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('diag.pay.supervisor', { name: d.supervisorName ?? '—' })}>
            {formatMoney(d.supervisionSubsidyFen ?? 0)}{d.supervisorPaidFen ? `(${t('diag.pay.paid')} ${formatMoney(d.supervisorPaidFen)})` : ''}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary">{t('diag.pay.help')}</Typography.Paragraph>
        {error ? <ErrorAlert error={error} title={t('diag.pay.failed')} /> : null}
        <Form<PayValues> form={form} layout="vertical" preserve={false} onValuesChange={() => { if (error) setError(null); }}
          initialValues={{ payee: due.provider > 0 ? 'provider' : 'supervisor', paidOn: date, voucher: '' }}>
          <Form.Item name="payee" label={t('diag.pay.payee')} rules={[{ required: true }]}
            extra={payee ? t('diag.pay.amountDue', { amount: formatMoney(due[payee]) }) : undefined}>
            <Radio.Group data-testid="pay-payee" options={(['provider', 'supervisor'] as const).map((p) => ({
              value: p, disabled: due[p] <= 0, label: `${t(`diag.payee.${p}`)}${due[p] <= 0 ? `(${t('diag.pay.settled')})` : ''}`,
            }))} />
          </Form.Item>
          <Form.Item name="paidOn" label={t('diag.pay.paidOn')} rules={[{ required: true, message: t('diag.dateRequired') }]}>
            <DateInput max={date} testId="pay-date" />
          </Form.Item>
          <Form.Item name="voucher" label={t('diag.pay.voucher')} rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('diag.pay.voucherRule') }]}>
            <Input maxLength={60} placeholder="YZCZ-2023-0001" data-testid="pay-voucher" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
