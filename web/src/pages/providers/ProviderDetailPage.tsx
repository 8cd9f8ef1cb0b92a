// One organisation of the pool: its profile, the admission chain as steps (申报 → 属地初审 → 专家评审
// → 公示 → 入库) with who acted, the actions open to the reader now (submit or withdraw for its own
// accounts and its region's officer; pass, return or reject for the step's role; 发布公示 for the
// city), the 公示 objection register (an open objection blocks 入库), its standing with sanctions,
// the appeal, the yearly review, and the full history.
import { DateInput } from '../../components/DateInput.tsx';
import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, EditOutlined, NotificationOutlined, ReloadOutlined, RollbackOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Divider, Form, Input, Modal, Popconfirm, Radio, Result, Row, Skeleton, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ADMISSION_CHAIN } from '../../../../src/domain/diagnosis/admission.ts';
import { ApiError, api } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { allows, can } from '../../lib/access.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { type MessageKey, type Translate, useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-providers.ts';
import { roleLabel } from '../../lib/labels.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import {
  KindTag, OFFICES, type Org, type OrgDetail, OrgFormFields, orgFormField, type OrgFormValues, type OrgHistory, type OrgObjection, OrgStatusTag, poolKey, profileBody,
  ReviewDue, type Standing, StandingTag, stepIndex, stepLabel,
} from './ProviderPoolPage.tsx';

const orgKey = (id: string) => ['provider', id] as const;
const STEPS = ADMISSION_CHAIN.steps;
type StepId = 'local-review' | 'expert-review' | 'publicity' | 'admission';

export default function ProviderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: orgKey(id), queryFn: () => api.get<OrgDetail>(`/providers/${encodeURIComponent(id)}`) });
  const o = query.data;

  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return <Card><Result status="404" title={t('prov.notFound')} subTitle={errorMessage(query.error)} extra={<Button onClick={() => navigate('/providers')}>{t('common.back')}</Button>} /></Card>;
    }
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!o) return <Card><Skeleton active paragraph={{ rows: 12 }} /></Card>;
  return <OrgPage org={o} refresh={() => void query.refetch()} refreshing={query.isFetching} />;
}

function OrgPage({ org: o, refresh, refreshing }: { org: OrgDetail; refresh: () => void; refreshing: boolean }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  // The admission file (steps, objections, appeal, history) is the offices' and the organisation's own;
  // enterprises see the pool's profile only.
  const insider = OFFICES.includes(user.role) || isOwn(user, o);

  return (
    <div className="zgsz-page" data-testid="provider-detail">
      <div className="zgsz-page-head">
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <Typography.Title level={4}>{o.name}</Typography.Title>
          <KindTag kind={o.kind} />
          <OrgStatusTag org={o} />
          {o.standing !== 'none' ? <StandingTag org={o} /> : null}
        </Space>
        <Button icon={<ReloadOutlined />} onClick={refresh} loading={refreshing}>{t('common.refresh')}</Button>
      </div>
      {insider ? (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <AdmissionSteps org={o} />
          </Card>
          <Row gutter={12}>
            <Col xs={24} xl={15}>
              <ProfileCard org={o} />
              {o.status === 'in_publicity' || o.objections.length ? <ObjectionsCard org={o} /> : null}
              {o.status === 'approved' || o.standing !== 'none' ? <StandingCard org={o} /> : null}
              <HistoryCard history={o.history} />
            </Col>
            <Col xs={24} xl={9}>
              <div className="zgsz-sticky">
                <AdmissionPanel org={o} />
              </div>
            </Col>
          </Row>
        </>
      ) : (
        <>
          <Alert type={o.standing === 'suspended' || o.standing === 'removed' ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }}
            title={t(o.standing === 'suspended' || o.standing === 'removed' ? 'prov.notDispatchable' : 'prov.publicDispatchable')} />
          <ProfileCard org={o} />
        </>
      )}
    </div>
  );
}

// ---- who may do what (the API decides again; these only choose which buttons to show) ----

const isOwn = (user: User, o: Org) => (user.role === 'provider' || user.role === 'supervisor') && !!user.organisationId && user.organisationId === o.id;
/** 提交 and the applicant's 撤回: the organisation's own accounts, its home region's officer or the city (orgSubject). */
const applicantSide = (user: User, o: Org) => can(user.role, 'providers.apply')
  && (isOwn(user, o) || (user.role === 'region_officer' && user.regionId === o.regionId) || user.role === 'city_admin');
/** The role of a step may act on it: 属地初审 only in the organisation's home region. */
function holdsStep(user: User, o: Org, index: number): boolean {
  const step = STEPS[index];
  if (!step || user.role !== step.role) return false;
  return step.scope !== 'region' || user.regionId === o.regionId;
}

/** The reviewer's own words from a history line (the kernel writes “<step>:退回申请人。理由:…”). */
const reasonOf = (summary: string) => {
  const at = summary.lastIndexOf('理由:');
  return at >= 0 ? summary.slice(at + 3) : summary;
};
const lastEvent = (o: OrgDetail, pred: (h: OrgHistory) => boolean) => [...o.history].reverse().find(pred);
/** The history line of a step's approval (the kernel writes “<step>:通过”; admission “入库,…”). */
const approvalOf = (o: OrgDetail, name: string) => lastEvent(o, (h) => h.action === 'approve' && h.summary.startsWith(name));

// ---- the chain ----

function AdmissionSteps({ org: o }: { org: OrgDetail }) {
  const { t } = useI18n();
  const { name: regionName } = useRegions();
  const current = o.status === 'in_review' || o.status === 'in_publicity' ? stepIndex(o.currentStep) : -1;
  const rejection = o.status === 'rejected' ? lastEvent(o, (h) => h.action === 'reject') : undefined;
  const rejectedAt = rejection ? STEPS.findIndex((s) => rejection.summary.startsWith(s.name)) : -1;
  const submitted = lastEvent(o, (h) => h.action === 'submit');
  const items = [
    {
      title: t('prov.step.apply'),
      status: o.status === 'draft' ? 'process' as const : o.status === 'returned' ? 'error' as const : 'finish' as const,
      content: o.status === 'draft' ? t('prov.status.draft') : o.status === 'returned' ? t('prov.step.returned') : submitted ? formatDate(submitted.at) : '',
    },
    ...STEPS.map((s, i) => {
      const done = o.status === 'approved' || (current >= 0 && i < current) || (rejectedAt >= 0 && i < rejectedAt);
      const status = done ? 'finish' as const : i === current ? 'process' as const : i === rejectedAt ? 'error' as const : 'wait' as const;
      const h = done ? approvalOf(o, s.name) : undefined;
      let content: ReactNode;
      if (s.kind === 'publicity' && o.publicityStartsOn) content = <span className="zgsz-mono">{o.publicityStartsOn} ~ {o.publicityEndsOn}</span>;
      else if (s.kind === 'publicity') content = t('prov.publicityRule', { n: ADMISSION_CHAIN.publicity.length });
      else if (h) content = <span>{h.actorName}<br />{formatDate(h.at)}</span>;
      else if (s.kind === 'approval' && o.admittedOn) content = o.admittedOn;
      else if (done) content = t('prov.step.done');
      else content = t(`prov.stepRole.${s.id as StepId}`, { region: regionName(o.regionId) });
      return { title: t(`prov.step.${s.id as StepId}`), status, content };
    }),
  ];
  const active = items.findIndex((i) => i.status === 'process' || i.status === 'error');
  return <Steps size="small" titlePlacement="vertical" current={active >= 0 ? active : items.length - 1} items={items} className="zgsz-chain" data-testid="admission-steps" />;
}

// ---- profile ----

function ProfileCard({ org: o }: { org: OrgDetail }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { date } = useBusinessDate();
  const { name: regionName } = useRegions();
  const [editing, setEditing] = useState(false);
  const mayEdit = can(user.role, 'providers.apply') && allows(user, 'org.edit', { id: o.id, regionId: o.regionId, status: o.status });
  return (
    <Card size="small" title={t('prov.profile')} data-testid="org-profile"
      extra={mayEdit ? <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-org">{t('prov.editProfile')}</Button> : null}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} className="zgsz-desc-nowrap">
        <Descriptions.Item label={t('prov.col.kind')}><KindTag kind={o.kind} /></Descriptions.Item>
        <Descriptions.Item label={t('field.uscc')}><span className="zgsz-mono">{o.uscc}</span></Descriptions.Item>
        <Descriptions.Item label={t('prov.col.region')}>{t(`city.${o.city}`)} · {regionName(o.regionId)}</Descriptions.Item>
        <Descriptions.Item label={t('prov.col.capacity')}>{t('prov.capacityValue', { n: o.capacity })}</Descriptions.Item>
        <Descriptions.Item label={t('field.contactName')}>{o.contactName}</Descriptions.Item>
        <Descriptions.Item label={t('field.contactPhone')}><span className="zgsz-mono">{o.contactPhone}</span></Descriptions.Item>
        <Descriptions.Item label={t('prov.col.scopes')} span="filled">
          {o.kind === 'supervisor' ? t('prov.supervisionOnly') : o.scopes.length ? o.scopes.map((s) => <Tag key={s}>{t(`prov.scope.${s}`)}</Tag>) : <Typography.Text type="warning">{t('prov.noScopes')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('prov.form.industries')} span="filled">
          {o.industries.length ? o.industries.map((c) => <Tag key={c} className="zgsz-mono">{c}</Tag>) : <Typography.Text type="secondary">{t('prov.anyIndustry')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('prov.col.served')} span="filled">
          {o.regionsServed.length ? o.regionsServed.map((r) => regionName(r)).join('、') : <Typography.Text type="secondary">{t('prov.servedAll')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('prov.admittedOn')}>{o.admittedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('prov.col.reviewDue')}><ReviewDue org={o} today={date} /></Descriptions.Item>
        <Descriptions.Item label={t('prov.form.introduction')} span="filled">
          <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{o.introduction ?? '—'}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      {mayEdit ? <EditModal org={o} open={editing} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

function EditModal({ org: o, open, onClose }: { org: OrgDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OrgFormValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let v: OrgFormValues;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      // Only what changed, so the history names the fields really edited.
      const after: Record<string, unknown> = profileBody(v, o.kind);
      const before: Record<string, unknown> = profileBody({ ...o, introduction: o.introduction ?? '' } as unknown as OrgFormValues, o.kind);
      const changes = Object.fromEntries(Object.entries(after).filter(([k, x]) => JSON.stringify(x) !== JSON.stringify(before[k])));
      if (!v.introduction?.trim() && o.introduction) changes.introduction = '';
      if (!Object.keys(changes).length) { onClose(); return; }
      const saved = await api.patch<OrgDetail>(`/providers/${o.id}`, { version: o.version, ...changes });
      queryClient.setQueryData(orgKey(o.id), saved);
      await queryClient.invalidateQueries({ queryKey: poolKey });
      message.success(t('prov.saved', { version: saved.version }));
      onClose();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.status === 409) await queryClient.invalidateQueries({ queryKey: orgKey(o.id) });
      const field = e instanceof ApiError ? orgFormField(e.field) : null;
      if (field && e instanceof ApiError) form.setFields([{ name: field as keyof OrgFormValues, errors: [errorMessage(e)] }]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={t('prov.editTitle', { name: o.name })} okText={t('common.save')} cancelText={t('common.cancel')} width={720} destroyOnHidden
      okButtonProps={{ loading: saving, ...{ 'data-testid': 'edit-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      {error ? <ErrorAlert error={error} title={t('prov.failed')} /> : null}
      <Form<OrgFormValues> form={form} layout="vertical" preserve={false}
        initialValues={{ name: o.name, contactName: o.contactName, contactPhone: o.contactPhone, industries: o.industries, scopes: o.scopes, regionsServed: o.regionsServed, capacity: o.capacity, introduction: o.introduction ?? '' }}>
        <OrgFormFields registering={false} kind={o.kind} />
      </Form>
    </Modal>
  );
}

// ---- running an action ----

function useOrgAction(o: Org) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const done = async (saved: OrgDetail) => {
    queryClient.setQueryData(orgKey(o.id), saved);
    await queryClient.invalidateQueries({ queryKey: poolKey });
    await queryClient.invalidateQueries({ queryKey: ['provider-scorecards'] });
  };
  /** Throws the API's refusal (for modals that show it themselves). */
  const call = async (path: string, body: unknown, success: string) => {
    try {
      const saved = await api.post<OrgDetail>(`/providers/${o.id}${path}`, body);
      message.success(success);
      await done(saved);
    } catch (e) {
      // Someone acted first: show the organisation as it is now.
      if (e instanceof ApiError && e.status === 409) await queryClient.invalidateQueries({ queryKey: orgKey(o.id) });
      throw e;
    }
  };
  /** Shows the refusal beside the buttons. */
  const run = async (key: string, path: string, body: unknown, success: string) => {
    setBusy(key);
    setError(null);
    try {
      await call(path, body, success);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return { error, busy, run, call };
}

// ---- admission actions ----

function AdmissionPanel({ org: o }: { org: OrgDetail }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { date } = useBusinessDate();
  const { name: regionName } = useRegions();
  const { error, busy, run, call } = useOrgAction(o);
  const [modal, setModal] = useState<'return' | 'reject' | null>(null);
  const index = stepIndex(o.currentStep);
  const step = STEPS[index];
  // Whoever submitted this round may not review it (four eyes) but may withdraw it before the local review acts.
  const submittedByMe = o.status === 'in_review' && lastEvent(o, (h) => h.action === 'submit')?.actorName === user.displayName;
  const reviewing = o.status === 'in_review' && step && step.kind !== 'publicity' && holdsStep(user, o, index) && !submittedByMe;
  const openingPublicity = o.status === 'in_review' && step?.kind === 'publicity' && holdsStep(user, o, index);
  const inPublicity = o.status === 'in_publicity' && holdsStep(user, o, index);
  const maySubmit = (o.status === 'draft' || o.status === 'returned') && applicantSide(user, o);
  const mayWithdraw = o.status === 'in_review' && index === 0 && submittedByMe && applicantSide(user, o);
  // A reviewer takes back an own approval of the previous review step before the next one acts.
  const previous = index > 0 ? STEPS.slice(0, index).map((s, i) => ({ s, i })).reverse().find((x) => x.s.kind !== 'publicity') : undefined;
  const ownApproval = o.status === 'in_review' && previous && index <= 2 && (() => {
    const h = approvalOf(o, previous.s.name);
    return !!h && h.actorName === user.displayName && holdsStep(user, o, previous.i) && lastEvent(o, () => true) === h;
  })();
  const missingScopes = o.kind === 'provider' && o.scopes.length === 0;
  const why = o.status === 'returned' || o.status === 'rejected' ? lastEvent(o, (h) => h.action === 'return' || h.action === 'reject') : undefined;

  let state: { type: 'info' | 'warning' | 'error' | 'success'; text: string };
  if (o.status === 'draft') state = { type: 'info', text: t('prov.state.draft') };
  else if (o.status === 'returned') state = { type: 'warning', text: t('prov.state.returned') };
  else if (o.status === 'rejected') state = { type: 'error', text: t('prov.state.rejected') };
  else if (o.status === 'approved') state = { type: 'success', text: t('prov.state.approved', { date: o.admittedOn ?? '—' }) };
  else if (o.status === 'in_publicity') state = { type: 'info', text: t('prov.state.publicity', { from: o.publicityStartsOn ?? '', to: o.publicityEndsOn ?? '' }) };
  else state = { type: 'info', text: t('prov.state.waiting', { step: stepLabel(o.currentStep, t), role: step ? t(`prov.stepRole.${step.id as StepId}`, { region: regionName(o.regionId) }) : '' }) };

  const step1 = (action: string, extra: Record<string, unknown> = {}) => ({ version: o.version, action, ...extra });
  const any = (submittedByMe && holdsStep(user, o, index)) || maySubmit || mayWithdraw || reviewing || openingPublicity || inPublicity || ownApproval;
  const approveLabel = step?.kind === 'approval' ? t('prov.act.admit') : t('prov.act.pass');

  return (
    <Card size="small" title={t('prov.act.title')} className="zgsz-action-panel" data-testid="admission-panel">
      <Alert type={state.type} showIcon style={{ marginBottom: 12 }} title={state.text} data-testid="admission-state"
        description={why ? `${t('prov.reason')}:${reasonOf(why.summary)}(${why.actorName})` : undefined} />
      {error ? <ErrorAlert error={error} title={t('prov.act.failed')} /> : null}
      {maySubmit ? (
        <div data-testid="applicant-actions">
          <Divider titlePlacement="start" plain style={{ margin: '4px 0 10px' }}>{t('prov.act.applicant')}</Divider>
          {missingScopes ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('prov.act.scopesFirst')} /> : null}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('prov.act.submitHelp')}</Typography.Paragraph>
          <Popconfirm title={t('prov.act.submitPrompt')} okText={t('prov.act.submit')} cancelText={t('common.cancel')} disabled={missingScopes}
            onConfirm={() => void run('submit', '/steps', step1('submit'), t('prov.act.submitted'))} okButtonProps={{ ...{ 'data-testid': 'submit-confirm' } }}>
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={missingScopes} data-testid="submit-org">{o.status === 'returned' ? t('prov.act.resubmit') : t('prov.act.submit')}</Button>
          </Popconfirm>
        </div>
      ) : null}
      {submittedByMe && holdsStep(user, o, index) ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('prov.act.fourEyes')} data-testid="four-eyes" /> : null}
      {mayWithdraw ? (
        <div style={{ marginTop: 8 }}>
          <Popconfirm title={t('prov.act.withdrawPrompt')} okText={t('prov.act.withdraw')} cancelText={t('common.cancel')}
            onConfirm={() => void run('withdraw', '/steps', step1('withdraw'), t('prov.act.withdrawn'))}>
            <Button icon={<UndoOutlined />} loading={busy === 'withdraw'} data-testid="withdraw-org">{t('prov.act.withdraw')}</Button>
          </Popconfirm>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>{t('prov.act.withdrawHelp')}</Typography.Text>
        </div>
      ) : null}
      {reviewing ? (
        <div data-testid="review-actions">
          <Divider titlePlacement="start" plain style={{ margin: '4px 0 10px' }}>{t('prov.act.reviewTitle', { step: stepLabel(o.currentStep, t) })}</Divider>
          {step?.kind === 'approval' && o.openObjections > 0 ? (
            <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t('prov.obj.blocking', { n: o.openObjections })} data-testid="objections-block" />
          ) : null}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t(step?.kind === 'approval' ? 'prov.act.admitHelp' : 'prov.act.reviewHelp')}</Typography.Paragraph>
          <Space wrap>
            <Popconfirm title={step?.kind === 'approval' ? t('prov.act.admitPrompt', { name: o.name }) : t('prov.act.passPrompt', { step: stepLabel(o.currentStep, t) })}
              okText={approveLabel} cancelText={t('common.cancel')} disabled={step?.kind === 'approval' && o.openObjections > 0}
              onConfirm={() => void run('approve', '/steps', step1('approve'), step?.kind === 'approval' ? t('prov.act.admitted') : t('prov.act.passed'))}
              okButtonProps={{ ...{ 'data-testid': 'approve-confirm' } }}>
              <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} disabled={step?.kind === 'approval' && o.openObjections > 0} data-testid="approve-org">{approveLabel}</Button>
            </Popconfirm>
            <Button icon={<RollbackOutlined />} onClick={() => setModal('return')} data-testid="return-org">{t('prov.act.return')}</Button>
            <Button danger icon={<CloseOutlined />} onClick={() => setModal('reject')} data-testid="reject-org">{t('prov.act.reject')}</Button>
          </Space>
        </div>
      ) : null}
      {openingPublicity ? (
        <div data-testid="publicity-actions">
          <Divider titlePlacement="start" plain style={{ margin: '4px 0 10px' }}>{t('prov.step.publicity')}</Divider>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('prov.act.publicityHelp', { n: ADMISSION_CHAIN.publicity.length, date })}</Typography.Paragraph>
          <Space wrap>
            <Popconfirm title={t('prov.act.publicityPrompt', { date })} okText={t('prov.act.publish')} cancelText={t('common.cancel')}
              onConfirm={() => void run('publicity', '/steps', step1('publicity'), t('prov.act.published'))} okButtonProps={{ ...{ 'data-testid': 'publicity-confirm' } }}>
              <Button type="primary" icon={<NotificationOutlined />} loading={busy === 'publicity'} data-testid="open-publicity">{t('prov.act.publish')}</Button>
            </Popconfirm>
            <Button icon={<RollbackOutlined />} onClick={() => setModal('return')}>{t('prov.act.return')}</Button>
            <Button danger icon={<CloseOutlined />} onClick={() => setModal('reject')}>{t('prov.act.reject')}</Button>
          </Space>
        </div>
      ) : null}
      {inPublicity ? (
        <div data-testid="in-publicity-actions">
          <Divider titlePlacement="start" plain style={{ margin: '4px 0 10px' }}>{t('prov.step.publicity')}</Divider>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('prov.act.inPublicityHelp')}</Typography.Paragraph>
          <Space wrap>
            <Button icon={<RollbackOutlined />} onClick={() => setModal('return')}>{t('prov.act.return')}</Button>
            <Button danger icon={<CloseOutlined />} onClick={() => setModal('reject')}>{t('prov.act.reject')}</Button>
          </Space>
        </div>
      ) : null}
      {ownApproval && previous ? (
        <div style={{ marginTop: 8 }}>
          <Popconfirm title={t('prov.act.retractPrompt', { step: t(`prov.step.${previous.s.id as StepId}`) })} okText={t('prov.act.retract')} cancelText={t('common.cancel')}
            onConfirm={() => void run('retract', '/steps', step1('withdraw'), t('prov.act.retracted'))}>
            <Button icon={<UndoOutlined />} loading={busy === 'retract'} data-testid="retract-org">{t('prov.act.retract')}</Button>
          </Popconfirm>
        </div>
      ) : null}
      {!any ? <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="no-action">{t('prov.act.none')}</Typography.Paragraph> : null}
      <ReasonModal
        open={modal === 'return'} title={t('prov.act.returnTitle')} help={t('prov.act.returnHelp')} label={t('prov.reason')} rule={t('prov.reasonRule')} min={2} max={500}
        okText={t('prov.act.return')} testId="return-modal" onCancel={() => setModal(null)}
        onSubmit={async (reason) => { await call('/steps', step1('return', { reason }), t('prov.act.returned')); setModal(null); }}
      />
      <ReasonModal
        open={modal === 'reject'} title={t('prov.act.rejectTitle')} help={t('prov.act.rejectHelp')} label={t('prov.reason')} rule={t('prov.reasonRule')} min={2} max={500}
        okText={t('prov.act.reject')} danger testId="reject-modal" onCancel={() => setModal(null)}
        onSubmit={async (reason) => { await call('/steps', step1('reject', { reason }), t('prov.act.rejected')); setModal(null); }}
      />
    </Card>
  );
}

// ---- 公示 objections ----

interface ObjectionValues { name: string; phone: string; content: string; receivedOn: string }

function ObjectionsCard({ org: o }: { org: OrgDetail }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { date } = useBusinessDate();
  const { call } = useOrgAction(o);
  const [recording, setRecording] = useState(false);
  const [resolving, setResolving] = useState<OrgObjection | null>(null);
  const manage = can(user.role, 'providers.manage');
  const [form] = Form.useForm<ObjectionValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const record = async () => {
    let v: ObjectionValues;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      await call('/objections', { name: v.name.trim(), phone: v.phone.trim(), content: v.content.trim(), receivedOn: v.receivedOn }, t('prov.obj.recorded'));
      setRecording(false);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('prov.obj.title')} data-testid="objections-card"
      extra={manage && o.status === 'in_publicity' ? <Button size="small" onClick={() => setRecording(true)} data-testid="record-objection">{t('prov.obj.record')}</Button> : null}>
      {o.publicityStartsOn ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('prov.obj.period', { from: o.publicityStartsOn, to: o.publicityEndsOn ?? '' })}
        </Typography.Paragraph>
      ) : null}
      {o.openObjections > 0 ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('prov.obj.blocking', { n: o.openObjections })} /> : null}
      <Table<OrgObjection>
        size="small" rowKey="id" pagination={false} dataSource={o.objections} locale={{ emptyText: t('prov.obj.none') }}
        columns={[
          { title: t('prov.obj.name'), dataIndex: 'name', width: 100 },
          { title: t('prov.obj.receivedOn'), dataIndex: 'receivedOn', width: 105 },
          { title: t('prov.obj.content'), dataIndex: 'content' },
          { title: t('prov.obj.status'), dataIndex: 'status', width: 90, render: (s: OrgObjection['status']) => <Tag color={s === 'open' ? 'error' : s === 'upheld' ? 'warning' : 'default'}>{t(`prov.obj.${s}`)}</Tag> },
          { title: t('prov.obj.resolution'), dataIndex: 'resolution', render: (v: string | null) => v ?? '—' },
          ...(manage ? [{
            title: t('common.actions'), key: 'act', width: 80,
            render: (_: unknown, x: OrgObjection) => (x.status === 'open' ? <Button size="small" type="link" onClick={() => setResolving(x)} data-testid={`resolve-${x.id}`}>{t('prov.obj.resolve')}</Button> : null),
          }] : []),
        ]}
      />
      <Modal open={recording} title={t('prov.obj.recordTitle')} okText={t('prov.obj.record')} cancelText={t('common.cancel')} destroyOnHidden
        okButtonProps={{ loading: saving, ...{ 'data-testid': 'objection-ok' } }} onCancel={() => { setError(null); setRecording(false); }} onOk={() => void record()}>
        <Typography.Paragraph type="secondary">{t('prov.obj.recordHelp')}</Typography.Paragraph>
        {error ? <ErrorAlert error={error} title={t('prov.act.failed')} /> : null}
        <Form<ObjectionValues> form={form} layout="vertical" preserve={false} initialValues={{ receivedOn: date }}>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="name" label={t('prov.obj.name')} rules={[{ required: true, whitespace: true, min: 2, max: 30, message: t('prov.obj.nameRule') }]}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="phone" label={t('field.contactPhone')} rules={[{ required: true, pattern: /^[0-9+\-() ]{7,20}$/, message: t('prov.form.phoneRule') }]}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="receivedOn" label={t('prov.obj.receivedOn')} rules={[{ required: true, message: t('prov.dateRequired') }]}>
            <DateInput max={date} min={o.publicityStartsOn ?? undefined} />
          </Form.Item>
          <Form.Item name="content" label={t('prov.obj.content')} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('prov.reasonRule') }]}>
            <Input.TextArea rows={4} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
      <DecisionModal
        open={!!resolving} title={t('prov.obj.resolveTitle', { name: resolving?.name ?? '' })} help={resolving?.content ?? ''}
        choices={[{ value: 'dismissed', label: t('prov.obj.dismissed') }, { value: 'upheld', label: t('prov.obj.upheld') }]} noteLabel={t('prov.obj.resolution')}
        onCancel={() => setResolving(null)}
        onSubmit={async (choice, note) => {
          await call(`/objections/${resolving!.id}/resolve`, { status: choice, resolution: note }, t('prov.obj.resolved'));
          setResolving(null);
        }}
      />
    </Card>
  );
}

/** A choice between outcomes with a written note (2–500 characters): objections, appeals, the yearly review. */
function DecisionModal({ open, title, help, choices, noteLabel, warnOn, warning, onCancel, onSubmit }: {
  open: boolean; title: string; help: ReactNode; choices: { value: string; label: string }[]; noteLabel: string;
  warnOn?: string; warning?: string; onCancel(): void; onSubmit(choice: string, note: string): Promise<unknown>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ choice: string; note: string }>();
  const choice = Form.useWatch('choice', form);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let v: { choice: string; note: string };
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(v.choice, v.note.trim());
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={title} okText={t('common.confirm')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ loading: saving, danger: !!warnOn && choice === warnOn, ...{ 'data-testid': 'decision-ok' } }}
      onCancel={() => { setError(null); onCancel(); }} onOk={() => void submit()}>
      <div data-testid="decision-modal">
        {help ? <Typography.Paragraph type="secondary">{help}</Typography.Paragraph> : null}
        {error ? <ErrorAlert error={error} title={t('prov.act.failed')} /> : null}
        <Form form={form} layout="vertical" preserve={false} initialValues={{ choice: choices[0]?.value }}>
          <Form.Item name="choice">
            <Radio.Group options={choices} data-testid="decision-choice" />
          </Form.Item>
          {warnOn && choice === warnOn && warning ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={warning} /> : null}
          <Form.Item name="note" label={noteLabel} required
            rules={[{ validator: (_, v?: string) => ((v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('prov.reasonRule')))) }]}>
            <Input.TextArea rows={4} maxLength={500} showCount data-testid="decision-note" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

// ---- standing: sanctions, appeal, yearly review ----

type Sanction = 'warn' | 'rectify' | 'suspend' | 'remove' | 'restore';

/** The sanctions the domain allows from a standing (applySanction in src/domain/diagnosis/admission.ts). */
function sanctionsFrom(standing: Standing): Sanction[] {
  if (standing === 'none') return [];
  if (standing === 'removed') return ['restore'];
  const all: Sanction[] = ['warn', 'rectify', 'suspend', 'remove'];
  const current: Partial<Record<Standing, Sanction>> = { warned: 'warn', rectifying: 'rectify', suspended: 'suspend' };
  return standing === 'good' ? all : [...all.filter((s) => s !== current[standing]), 'restore'];
}

const SANCTION_DANGER: Record<Sanction, boolean> = { warn: false, rectify: false, suspend: true, remove: true, restore: false };

function StandingCard({ org: o }: { org: OrgDetail }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { date } = useBusinessDate();
  const { call } = useOrgAction(o);
  const [sanction, setSanction] = useState<Sanction | null>(null);
  const [modal, setModal] = useState<'appeal' | 'decide' | 'review' | null>(null);
  const manage = can(user.role, 'providers.manage');
  const own = isOwn(user, o) && can(user.role, 'providers.appeal');
  const appeal = o.appeal;
  const mayAppeal = own && ['warned', 'rectifying', 'suspended', 'removed'].includes(o.standing) && appeal?.status !== 'open';
  const mayReview = manage && o.status === 'approved' && o.standing !== 'removed';
  const sanctions = manage && o.status === 'approved' ? sanctionsFrom(o.standing) : [];

  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('prov.standingTitle')} data-testid="standing-card">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('prov.col.standing')}><StandingTag org={o} /></Descriptions.Item>
        <Descriptions.Item label={t('prov.col.reviewDue')}><ReviewDue org={o} today={date} /></Descriptions.Item>
        {o.standingReason ? <Descriptions.Item label={t('prov.reason')} span="filled">{o.standingReason}</Descriptions.Item> : null}
        {o.rectifyBy ? <Descriptions.Item label={t('prov.sanction.rectifyBy')}>{o.rectifyBy}</Descriptions.Item> : null}
      </Descriptions>
      {o.standing === 'suspended' || o.standing === 'removed' ? <Alert type="error" showIcon style={{ margin: '8px 0' }} title={t('prov.notDispatchable')} /> : null}
      {appeal ? (
        <div className="zgsz-appeal" data-testid="appeal" style={{ margin: '8px 0', padding: '8px 10px', background: '#fafbfd', border: '1px solid #e5e8ee', borderRadius: 4 }}>
          <Space wrap>
            <Typography.Text strong>{t('prov.appeal.title')}</Typography.Text>
            <Tag color={appeal.status === 'open' ? 'processing' : appeal.status === 'upheld' ? 'success' : 'default'}>{t(`prov.appeal.${appeal.status}`)}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('prov.appeal.filedOn', { date: appeal.filedOn })}</Typography.Text>
          </Space>
          <div style={{ marginTop: 4 }}>{appeal.text}</div>
          {appeal.decision ? <div style={{ marginTop: 4, color: '#555' }}>{t('prov.appeal.decision')}:{appeal.decision}</div> : null}
        </div>
      ) : null}
      {sanctions.length || mayReview || mayAppeal || (manage && appeal?.status === 'open') ? <Space wrap style={{ marginTop: 8 }}>
        {sanctions.map((s) => (
          <Button key={s} size="small" danger={SANCTION_DANGER[s]} type={s === 'restore' ? 'primary' : 'default'} onClick={() => setSanction(s)} data-testid={`sanction-${s}`}>
            {t(`prov.sanction.${s}`)}
          </Button>
        ))}
        {mayReview ? <Button size="small" onClick={() => setModal('review')} data-testid="yearly-review">{t('prov.review.action')}</Button> : null}
        {manage && appeal?.status === 'open' ? <Button size="small" type="primary" onClick={() => setModal('decide')} data-testid="decide-appeal">{t('prov.appeal.decide')}</Button> : null}
        {mayAppeal ? <Button size="small" type="primary" onClick={() => setModal('appeal')} data-testid="file-appeal">{t('prov.appeal.file')}</Button> : null}
      </Space> : null}
      {manage && o.status === 'approved' ? <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>{t('prov.sanction.help')}</Typography.Paragraph> : null}
      <SanctionModal org={o} sanction={sanction} onClose={() => setSanction(null)} />
      <ReasonModal
        open={modal === 'appeal'} title={t('prov.appeal.file')} help={t('prov.appeal.help')} label={t('prov.appeal.text')} rule={t('prov.reasonRule')} min={2} max={500}
        okText={t('prov.appeal.file')} testId="appeal-modal" onCancel={() => setModal(null)}
        onSubmit={async (text) => { await call('/appeal', { version: o.version, text }, t('prov.appeal.filed')); setModal(null); }}
      />
      <DecisionModal
        open={modal === 'decide'} title={t('prov.appeal.decide')} help={appeal?.text ?? ''} noteLabel={t('prov.appeal.decision')}
        choices={[{ value: 'upheld', label: t('prov.appeal.upheldChoice') }, { value: 'dismissed', label: t('prov.appeal.dismissedChoice') }]}
        onCancel={() => setModal(null)}
        onSubmit={async (choice, decision) => { await call('/appeal/decision', { version: o.version, upheld: choice === 'upheld', decision }, t('prov.appeal.decided')); setModal(null); }}
      />
      <DecisionModal
        open={modal === 'review'} title={t('prov.review.title', { name: o.name })} help={t('prov.review.help', { date: o.reviewDueOn ?? '—' })} noteLabel={t('prov.review.note')}
        choices={[{ value: 'passed', label: t('prov.review.passed') }, { value: 'failed', label: t('prov.review.failed') }]}
        warnOn="failed" warning={t('prov.review.failedWarning')}
        onCancel={() => setModal(null)}
        onSubmit={async (choice, note) => { await call('/yearly-review', { version: o.version, passed: choice === 'passed', note }, t('prov.review.recorded')); setModal(null); }}
      />
    </Card>
  );
}

function SanctionModal({ org: o, sanction, onClose }: { org: OrgDetail; sanction: Sanction | null; onClose: () => void }) {
  const { t } = useI18n();
  const { date } = useBusinessDate();
  const { call } = useOrgAction(o);
  const [form] = Form.useForm<{ reason: string; rectifyBy?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!sanction) return;
    let v: { reason: string; rectifyBy?: string };
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      await call('/sanctions', { version: o.version, action: sanction, reason: v.reason.trim(), ...(sanction === 'rectify' ? { rectifyBy: v.rectifyBy } : {}) }, t('prov.sanction.done', { action: t(`prov.sanction.${sanction}`) }));
      onClose();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.field === 'rectifyBy') form.setFields([{ name: 'rectifyBy', errors: [errorMessage(e)] }]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={!!sanction} title={sanction ? t('prov.sanction.title', { action: t(`prov.sanction.${sanction}`), name: o.name }) : ''} destroyOnHidden
      okText={sanction ? t(`prov.sanction.${sanction}`) : ''} cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, danger: sanction ? SANCTION_DANGER[sanction] : false, ...{ 'data-testid': 'sanction-ok' } }}
      onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      <div data-testid="sanction-modal">
        {sanction ? <Typography.Paragraph type="secondary">{t(`prov.sanction.help.${sanction}`)}</Typography.Paragraph> : null}
        {error ? <ErrorAlert error={error} title={t('prov.act.failed')} /> : null}
        <Form form={form} layout="vertical" preserve={false}>
          {sanction === 'rectify' ? (
            <Form.Item name="rectifyBy" label={t('prov.sanction.rectifyBy')} rules={[{ required: true, message: t('prov.dateRequired') }]} extra={t('prov.sanction.rectifyByHelp', { date })}>
              <DateInput min={date} testId="rectify-by" />
            </Form.Item>
          ) : null}
          <Form.Item name="reason" label={t('prov.reason')} required
            rules={[{ validator: (_, v?: string) => ((v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('prov.reasonRule')))) }]}>
            <Input.TextArea rows={4} maxLength={500} showCount data-testid="sanction-reason" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

// ---- history ----

const ACTIONS = [
  'register', 'update', 'submit', 'approve', 'return', 'reject', 'withdraw', 'publicity', 'publicity_close', 'objection', 'objection_resolved',
  'warn', 'rectify', 'suspend', 'remove', 'restore', 'appeal', 'appeal_decided', 'yearly_review',
] as const;
const actionLabel = (action: string, t: Translate) => ((ACTIONS as readonly string[]).includes(action) ? t(`prov.action.${action}` as MessageKey) : action);
const historyColor = (a: string) => (a === 'return' || a === 'reject' || a === 'remove' || a === 'suspend' ? 'red'
  : a === 'approve' || a === 'restore' ? 'green' : a.startsWith('publicity') ? 'purple' : a === 'warn' || a === 'rectify' || a === 'objection' ? 'orange' : 'blue');

function HistoryCard({ history }: { history: OrgHistory[] }) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('prov.history')} data-testid="org-history">
      {history.length ? (
        <Timeline
          items={[...history].reverse().map((h, i) => ({
            key: i, color: historyColor(h.action),
            content: (
              <div>
                <Typography.Text strong>{actionLabel(h.action, t)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                  {h.actorName}({roleLabelOf(h.actorRole, lang)})· {formatDateTime(h.at)}
                </Typography.Text>
                {h.summary ? <div className="zgsz-history-summary">{h.summary}</div> : null}
              </div>
            ),
          }))}
        />
      ) : <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>}
    </Card>
  );
}

const ROLE_SET = new Set(['city_admin', 'city_reviewer', 'region_officer', 'enterprise', 'provider', 'supervisor', 'finance']);
const roleLabelOf = (role: string, lang: 'zh' | 'en') => (ROLE_SET.has(role) ? roleLabel(role as User['role'], lang) : role);
