// What the signed-in user may do now with one application, as the API's `actions` say: the
// applicant edits, submits or withdraws; the reviewer of the current step passes it (with an
// opinion), returns it (to the applicant, the previous step or a named step), rejects it, hands it
// over or withdraws an own opinion; on the approval step the amount (and each level's part, and any
// 启动资金) is entered with the preview beside it; the region records 验收; finance pays or reclaims.
import { CheckOutlined, CloseOutlined, EditOutlined, RollbackOutlined, SendOutlined, SwapOutlined, UndoOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Divider, Form, Input, Modal, Popconfirm, Radio, Select, Space, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import type { Application, ApplicationDetail } from '../../api/applications.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { emptyMoney, MoneyInput, type MoneyValue, moneyFen } from '../../components/MoneyInput.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { fenToDecimal, formatMoney } from '../../lib/format.ts';
import { entitlementText } from '../../lib/entitlement.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { DisburseModal, payable, ReclaimModal } from '../funds/PaymentModals.tsx';
import { ApprovalPreview } from './ApprovalPreview.tsx';
import { refreshApplications, roleShort, stepLabel } from './shared.tsx';

export function ActionPanel({ detail }: { detail: ApplicationDetail }) {
  const { t } = useI18n();
  const { actions, application: a } = detail;
  const any = Object.values(actions).some(Boolean);
  return (
    <Card size="small" title={t('act.title')} data-testid="action-panel" className="zgsz-action-panel">
      <CurrentState detail={detail} />
      {actions.edit || actions.submit ? <ApplicantActions detail={detail} /> : null}
      {actions.review ? <ReviewActions detail={detail} /> : null}
      {actions.withdraw ? <WithdrawAction application={a} /> : null}
      {actions.accept ? <AcceptanceAction detail={detail} /> : null}
      {actions.disburse || actions.reclaim ? <FinanceActions detail={detail} /> : null}
      {!any ? <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="no-action">{t('act.none')}</Typography.Paragraph> : null}
    </Card>
  );
}

function CurrentState({ detail }: { detail: ApplicationDetail }) {
  const { t, lang } = useI18n();
  const a = detail.application;
  const step = a.currentStep;
  let text: string;
  if (a.status === 'draft') text = t('act.state.draft');
  else if (a.status === 'returned') text = t('act.state.returned');
  else if (a.status === 'rejected') text = t('act.state.rejected');
  else if (a.status === 'approved') text = a.acceptance === 'none' ? t('act.state.approvedWaiting') : a.acceptance === 'passed' ? t('act.state.accepted') : t('act.state.failed');
  else if (a.status === 'in_publicity' && detail.publicity) text = t('act.state.publicity', { from: detail.publicity.startsOn, to: detail.publicity.endsOn });
  else if (step) text = t('act.state.waiting', { step: stepLabel(step, lang), role: roleShort(step.role, t) });
  else text = '';
  // A returned or rejected application says why, in the reviewer's words.
  const why = a.status === 'returned' || a.status === 'rejected'
    ? [...detail.history].reverse().find((h) => h.action.startsWith('return') || h.action === 'reject') : undefined;
  return text ? (
    <Alert
      type={a.status === 'rejected' ? 'error' : a.status === 'returned' ? 'warning' : 'info'} showIcon title={text} style={{ marginBottom: 12 }} data-testid="current-state"
      description={why?.opinion ? `${t('apl.reason')}:${why.opinion}(${why.actorName}${why.stepName ? `,${stepLabel({ name: why.stepName }, lang)}` : ''})` : undefined}
    />
  ) : null;
}

/** Runs an action, shows the API's refusal where it happened, and refreshes everything it touches. */
function useAction(id: string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, fn: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(key);
    setError(null);
    try {
      await fn();
      message.success(done);
      await refreshApplications(queryClient, id);
      return true;
    } catch (e) {
      setError(e);
      // Someone acted first: show the application as it is now.
      if (e instanceof ApiError && e.status === 409 && e.field === 'version') await refreshApplications(queryClient, id);
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { error, setError, busy, run };
}

function ApplicantActions({ detail }: { detail: ApplicationDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const a = detail.application;
  const { error, busy, run } = useAction(a.id);
  const missing = detail.evidence.filter((e) => e.stage === 'application' && !e.files.length);
  return (
    <div data-testid="applicant-actions">
      {error ? <ErrorAlert error={error} title={t('act.failed')} /> : null}
      {detail.actions.submit && missing.length ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('act.missingEvidence', { n: missing.length })} /> : null}
      <Space wrap>
        {detail.actions.edit ? <Button icon={<EditOutlined />} onClick={() => navigate(`/applications/${a.id}/edit`)} data-testid="edit-application">{t('act.edit')}</Button> : null}
        {detail.actions.submit ? (
          <Popconfirm title={a.status === 'returned' ? t('act.resubmitPrompt') : t('act.submitPrompt')} okText={t('act.submit')} cancelText={t('common.cancel')}
            onConfirm={() => void run('submit', () => api.post(`/applications/${a.id}/submit`, { version: a.version }), t('act.submitted'))}
            okButtonProps={{ ...{ 'data-testid': 'submit-confirm' } }}>
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} data-testid="submit-application">
              {a.status === 'returned' ? t('act.resubmit') : t('act.submit')}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
    </div>
  );
}

function WithdrawAction({ application: a }: { application: Application }) {
  const { t } = useI18n();
  const { error, busy, run } = useAction(a.id);
  const own = a.currentStep?.index === 0;
  return (
    <div style={{ marginTop: 12 }}>
      {error ? <ErrorAlert error={error} title={t('act.failed')} /> : null}
      <Popconfirm title={own ? t('act.withdrawApplicationPrompt') : t('act.withdrawOpinionPrompt')} okText={t('act.withdraw')} cancelText={t('common.cancel')}
        onConfirm={() => void run('withdraw', () => api.post(`/applications/${a.id}/withdraw`, { version: a.version }), t('act.withdrawn'))}>
        <Button icon={<UndoOutlined />} loading={busy === 'withdraw'} data-testid="withdraw">{own ? t('act.withdrawApplication') : t('act.withdrawOpinion')}</Button>
      </Popconfirm>
    </div>
  );
}

interface Amounts { amount: MoneyValue; city: MoneyValue; county: MoneyValue; advance: MoneyValue }

function ReviewActions({ detail }: { detail: ApplicationDetail }) {
  const { t, lang } = useI18n();
  const a = detail.application;
  const step = a.currentStep;
  const approval = detail.actions.approveWithAmount;
  const shared = a.payer === 'shared';
  const { error, setError, busy, run } = useAction(a.id);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [opinion, setOpinion] = useState('');
  const [amounts, setAmounts] = useState<Amounts>({ amount: emptyMoney(), city: emptyMoney(), county: emptyMoney(), advance: emptyMoney() });
  const [modal, setModal] = useState<'return' | 'reject' | 'handover' | null>(null);
  const amountFen = moneyFen(amounts.amount);
  const cityFen = shared ? moneyFen(amounts.city) : amountFen;
  const countyFen = shared ? moneyFen(amounts.county) : 0;
  const advanceFen = amounts.advance.amount.trim() ? moneyFen(amounts.advance) : 0;
  const set = (k: keyof Amounts) => (v: MoneyValue) => { setAmounts((x) => ({ ...x, [k]: v })); if (error) setError(null); };

  // Checked here as the API checks it, so the button says why it is not ready. An open objection
  // or a missing fund blocks approval whatever the amount.
  const preview = detail.preview;
  const missingFund = preview?.funds.find((f) => f.fundId === null);
  const blocking = !approval ? null
    : preview?.openObjections ? t('pre.openObjections', { n: preview.openObjections })
      : missingFund ? t('pre.noFund', { level: t(`fund.level.${missingFund.level}`), year: a.year }) : null;
  let problem: string | null = blocking;
  if (approval && !problem) {
    if (amounts.amount.amount.trim() === '') problem = t('act.amountRequired');
    else if (amountFen === null) problem = t('apl.moneyInvalid');
    else if (shared && (cityFen === null || countyFen === null)) problem = t('act.partsRequired');
    else if (shared && cityFen! + countyFen! !== amountFen) problem = t('act.partsSum', { sum: formatMoney((cityFen ?? 0) + (countyFen ?? 0)), amount: formatMoney(amountFen) });
    else if (advanceFen === null) problem = t('apl.moneyInvalid');
    else if (advanceFen > amountFen) problem = t('act.advanceTooLarge');
  }

  const approve = () => run('approve', () => api.post(`/applications/${a.id}/approve`, {
    version: a.version,
    ...(opinion.trim() ? { opinion: opinion.trim() } : {}),
    ...(approval ? {
      amountFen: amountFen!,
      ...(shared ? { cityPartFen: cityFen!, countyPartFen: countyFen! } : {}),
      ...(advanceFen ? { advanceFen } : {}),
    } : {}),
  }), approval ? t('act.approvedFinal', { amount: formatMoney(amountFen ?? 0) }) : t('act.approved'));

  const max = a.maxFen;
  return (
    <div data-testid="review-actions">
      <Divider titlePlacement="start" plain style={{ margin: '4px 0 10px' }}>{approval ? t('act.approvalTitle') : t('act.reviewTitle', { step: step?.name ?? '' })}</Divider>
      {approval ? (
        <div className="zgsz-approval-form" data-testid="approval-form">
          <Field label={t('act.amount')} help={t('act.amountHelp', { range: entitlementText({ min: a.minFen, max: a.maxFen }, lang) })}>
            <MoneyInput value={amounts.amount} onChange={set('amount')} testId="approve-amount" placeholder={t('act.amountPlaceholder')} />
            {max !== null ? (
              <Button type="link" size="small" style={{ paddingLeft: 0 }} onClick={() => set('amount')({ amount: fenToDecimal(max, '万元'), unit: '万元' })} data-testid="fill-max">
                {t('act.fillMax', { amount: formatMoney(max) })}
              </Button>
            ) : null}
          </Field>
          {shared ? (
            <>
              <Field label={t('act.cityPart')}><MoneyInput value={amounts.city} onChange={set('city')} testId="approve-city-part" /></Field>
              <Field label={t('act.countyPart')}><MoneyInput value={amounts.county} onChange={set('county')} testId="approve-county-part" /></Field>
            </>
          ) : null}
          <Field label={t('act.advance')} help={t('act.advanceHelp')}><MoneyInput value={amounts.advance} onChange={set('advance')} testId="approve-advance" placeholder="0" /></Field>
          {detail.preview ? <ApprovalPreview detail={detail} amountFen={amountFen} parts={{ city: cityFen ?? 0, county: countyFen ?? 0 }} /> : null}
        </div>
      ) : null}
      <Field label={t('act.opinion')}>
        <Input.TextArea rows={2} maxLength={500} value={opinion} onChange={(e) => setOpinion(e.target.value)} placeholder={t('act.opinionPlaceholder')} data-testid="review-opinion" />
      </Field>
      {error ? <ErrorAlert error={error} title={approval ? t('act.approveRefused') : t('act.failed')} /> : null}
      {problem && (blocking || amounts.amount.amount.trim() !== '') ? <Typography.Text type="danger" style={{ display: 'block', marginBottom: 8 }} data-testid="approve-problem">{problem}</Typography.Text> : null}
      <Space wrap>
        {approval ? (
          <Popconfirm
            title={t('act.approvePrompt', { amount: amountFen === null ? '—' : formatMoney(amountFen) })} okText={t('act.approveFinal')} cancelText={t('common.cancel')}
            onConfirm={() => void approve()} disabled={!!problem} okButtonProps={{ ...{ 'data-testid': 'approve-confirm' } }}
          >
            <Button type="primary" icon={<CheckOutlined />} disabled={!!problem} loading={busy === 'approve'} data-testid="approve">{t('act.approveFinal')}</Button>
          </Popconfirm>
        ) : (
          <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} onClick={() => void approve()} data-testid="approve">{t('act.pass')}</Button>
        )}
        <Button icon={<RollbackOutlined />} onClick={() => setModal('return')} data-testid="return">{t('act.return')}</Button>
        <Button danger icon={<CloseOutlined />} onClick={() => setModal('reject')} data-testid="reject">{t('act.reject')}</Button>
        <Button icon={<SwapOutlined />} onClick={() => setModal('handover')} data-testid="handover">{t('act.handover')}</Button>
      </Space>
      <ReturnModal detail={detail} open={modal === 'return'} onClose={() => setModal(null)} />
      <ReasonModal
        open={modal === 'reject'} title={t('act.rejectTitle')} help={t('act.rejectHelp')} label={t('act.reason')} rule={t('act.reasonRule')} min={2} max={500}
        okText={t('act.reject')} danger testId="reject-modal" onCancel={() => setModal(null)}
        onSubmit={async (reason) => {
          await api.post(`/applications/${a.id}/reject`, { version: a.version, reason });
          setModal(null);
          message.success(t('act.rejected'));
          await refreshApplications(queryClient, a.id);
        }}
      />
      <HandoverModal application={a} open={modal === 'handover'} onClose={() => setModal(null)} />
    </div>
  );
}

function Field({ label, help, children }: { label: string; help?: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 10 }}>
      <div className="zgsz-label">{label}</div>
      {children}
      {help ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{help}</Typography.Text> : null}
    </div>
  );
}

interface ReturnValues { to: 'applicant' | 'previous' | 'step'; stepId?: string; reason: string }

function ReturnModal({ detail, open, onClose }: { detail: ApplicationDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const a = detail.application;
  const [form] = Form.useForm<ReturnValues>();
  const to = Form.useWatch('to', form);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const index = a.currentStep?.index ?? 0;
  const earlier = detail.chain.steps.filter((s) => s.index < index && s.kind !== 'publicity');

  const submit = async () => {
    let v: ReturnValues;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      await api.post(`/applications/${a.id}/return`, { version: a.version, to: v.to, ...(v.to === 'step' ? { stepId: v.stepId } : {}), reason: v.reason.trim() });
      message.success(t('act.returned'));
      await refreshApplications(queryClient, a.id);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('act.returnTitle')} okText={t('act.return')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ loading: saving, ...{ 'data-testid': 'return-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      <div data-testid="return-modal">
        {error ? <ErrorAlert error={error} title={t('act.failed')} /> : null}
        <Form<ReturnValues> form={form} layout="vertical" preserve={false} initialValues={{ to: 'applicant' }}>
          <Form.Item name="to" label={t('act.returnTo')}>
            <Radio.Group
              options={[
                { value: 'applicant', label: t('act.returnApplicant') },
                { value: 'previous', label: t('act.returnPrevious'), disabled: index === 0 },
                { value: 'step', label: t('act.returnStep'), disabled: earlier.length === 0 },
              ]}
              data-testid="return-to"
            />
          </Form.Item>
          {to === 'step' ? (
            <Form.Item name="stepId" label={t('act.returnStepName')} rules={[{ required: true, message: t('act.returnStepRequired') }]}>
              <Select options={earlier.map((s) => ({ value: s.id, label: `${s.index + 1}. ${s.name}` }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="reason" label={t('act.reason')} required
            rules={[{ validator: (_, v?: string) => ((v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('act.reasonRule')))) }]}>
            <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('act.returnPlaceholder')} data-testid="return-reason" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function HandoverModal({ application: a, open, onClose }: { application: Application; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ to: string; reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let v: { to: string; reason: string };
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      await api.post(`/applications/${a.id}/handover`, { version: a.version, to: v.to.trim(), reason: v.reason.trim() });
      message.success(t('act.handedOver', { to: v.to.trim() }));
      await refreshApplications(queryClient, a.id);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={t('act.handoverTitle')} okText={t('act.handover')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ loading: saving }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      <Typography.Paragraph type="secondary">{t('act.handoverHelp')}</Typography.Paragraph>
      {error ? <ErrorAlert error={error} title={t('act.failed')} /> : null}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="to" label={t('act.handoverTo')} rules={[{ required: true, whitespace: true, message: t('act.handoverToRequired') }]}>
          <Input maxLength={40} placeholder="baoying2" data-testid="handover-to" />
        </Form.Item>
        <Form.Item name="reason" label={t('act.reason')} required
          rules={[{ validator: (_, v?: string) => ((v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('act.reasonRule')))) }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AcceptanceAction({ detail }: { detail: ApplicationDetail }) {
  const { t } = useI18n();
  const a = detail.application;
  const { error, busy, run } = useAction(a.id);
  const [result, setResult] = useState<'passed' | 'failed'>('passed');
  const [note, setNote] = useState('');
  const items = detail.evidence.filter((e) => e.stage === 'acceptance');
  const missing = items.filter((e) => !e.files.length);
  return (
    <div data-testid="acceptance-actions" style={{ marginTop: 12 }}>
      <Divider titlePlacement="start" plain style={{ margin: '4px 0 10px' }}>{t('acc.title')}</Divider>
      {missing.length ? (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('acc.missing', { items: missing.map((m) => m.label).join('、') })} />
      ) : <Alert type="success" showIcon style={{ marginBottom: 8 }} title={t('acc.ready', { n: items.length })} />}
      <Field label={t('acc.result')}>
        <Radio.Group value={result} onChange={(e) => setResult(e.target.value as 'passed' | 'failed')} data-testid="acceptance-result"
          options={[{ value: 'passed', label: t('acc.passed') }, { value: 'failed', label: t('acc.failed') }]} />
      </Field>
      <Field label={t('acc.note')}>
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('acc.notePlaceholder')} data-testid="acceptance-note" />
      </Field>
      {result === 'failed' ? <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t('acc.failedWarning')} /> : null}
      {error ? <ErrorAlert error={error} title={t('act.failed')} /> : null}
      <Popconfirm title={result === 'passed' ? t('acc.passPrompt') : t('acc.failPrompt')} okText={t('acc.record')} cancelText={t('common.cancel')}
        disabled={note.trim().length < 2} okButtonProps={{ danger: result === 'failed', ...{ 'data-testid': 'acceptance-confirm' } }}
        onConfirm={() => void run('accept', () => api.post(`/applications/${a.id}/acceptance`, { version: a.version, result, note: note.trim() }), result === 'passed' ? t('acc.recordedPassed') : t('acc.recordedFailed'))}>
        <Button type="primary" danger={result === 'failed'} disabled={note.trim().length < 2} loading={busy === 'accept'} data-testid="record-acceptance">{t('acc.record')}</Button>
      </Popconfirm>
      {note.trim().length < 2 ? <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>{t('acc.noteRule')}</Typography.Text> : null}
    </div>
  );
}

function FinanceActions({ detail }: { detail: ApplicationDetail }) {
  const { t } = useI18n();
  const a = detail.application;
  const [open, setOpen] = useState<'disburse' | 'reclaim' | null>(null);
  return (
    <div data-testid="finance-actions" style={{ marginTop: 12 }}>
      <Divider titlePlacement="start" plain style={{ margin: '4px 0 10px' }}>{t('pay.section')}</Divider>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('apl.approved')}>{a.approvedFen === null ? '—' : formatMoney(a.approvedFen)}</Descriptions.Item>
        <Descriptions.Item label={t('apl.disbursed')}>{formatMoney(a.disbursedFen)}</Descriptions.Item>
        {a.reclaimedFen ? <Descriptions.Item label={t('apl.reclaimed')}>{formatMoney(a.reclaimedFen)}</Descriptions.Item> : null}
        <Descriptions.Item label={t('pay.payableNow')}><Tag color={payable(a) ? 'blue' : 'default'}>{formatMoney(payable(a))}</Tag></Descriptions.Item>
      </Descriptions>
      <Space>
        {detail.actions.disburse ? <Button type="primary" onClick={() => setOpen('disburse')} data-testid="open-disburse">{t('pay.disburse')}</Button> : null}
        {detail.actions.reclaim ? <Button danger onClick={() => setOpen('reclaim')} data-testid="open-reclaim">{t('pay.reclaim')}</Button> : null}
      </Space>
      {detail.actions.disburse ? <DisburseModal application={a} open={open === 'disburse'} onClose={() => setOpen(null)} /> : null}
      {detail.actions.reclaim ? <ReclaimModal application={a} open={open === 'reclaim'} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
