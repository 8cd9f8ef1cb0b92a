// 服务商资源池: the diagnosis providers and third-party supervisors with their admission status
// (申报 → 属地初审 → 专家评审 → 公示 → 入库), standing and next yearly review. The city and a region's
// officer (for their own region) register an organisation; enterprises and providers see the
// admitted pool (the API filters), so an enterprise knows who may diagnose it.
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { SelectProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ADMISSION_CHAIN } from '../../../../src/domain/diagnosis/admission.ts';
import { ApiError, api } from '../../api/client.ts';
import type { Region, Role } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { type Translate, useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-providers.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';

// ---- shapes of GET /providers and GET /providers/:id (src/use-cases/providers/org-support.ts) ----

export type OrgKind = 'provider' | 'supervisor';
export type OrgStatus = 'draft' | 'in_review' | 'in_publicity' | 'returned' | 'approved' | 'rejected';
export type Standing = 'none' | 'good' | 'warned' | 'rectifying' | 'suspended' | 'removed';
export type Scope = 'chain' | 'factory' | 'workshop';
export type City = 'yangzhou' | 'suzhou';

export interface Org {
  id: string; kind: OrgKind; kindLabel: string; city: City; regionId: string; uscc: string; name: string;
  contactName: string; contactPhone: string; industries: string[]; scopes: Scope[]; regionsServed: string[]; capacity: number;
  introduction: string | null; status: OrgStatus; statusLabel: string; currentStep: string | null;
  publicityStartsOn: string | null; publicityEndsOn: string | null; admittedOn: string | null; reviewDueOn: string | null;
  standing: Standing; standingLabel: string; standingReason: string | null; rectifyBy: string | null;
  appeal: { text: string; filedOn: string; status: 'open' | 'upheld' | 'dismissed'; decision?: string } | null;
  version: number;
}

export interface OrgObjection { id: string; name: string; content: string; receivedOn: string; status: 'open' | 'upheld' | 'dismissed'; resolution: string | null }
export interface OrgHistory { at: string; actorName: string; actorRole: Role | string; action: string; summary: string }
export interface OrgDetail extends Org { openObjections: number; objections: OrgObjection[]; history: OrgHistory[] }

export const SCOPES: Scope[] = ['chain', 'factory', 'workshop'];
const STATUSES: OrgStatus[] = ['draft', 'in_review', 'in_publicity', 'returned', 'approved', 'rejected'];
/** The offices see every organisation; others only the admitted pool and their own. */
export const OFFICES: Role[] = ['city_admin', 'city_reviewer', 'region_officer', 'finance'];

// ---- labels and tags shared with the detail page ----

/** The admission step's id from the name the API gives (the chain is data: src/domain/diagnosis/admission.ts). */
export const stepIndex = (name: string | null | undefined) => ADMISSION_CHAIN.steps.findIndex((s) => s.name === name);
export const stepLabel = (name: string | null | undefined, t: Translate) => {
  const step = ADMISSION_CHAIN.steps.find((s) => s.name === name);
  return step ? t(`prov.step.${step.id as 'local-review' | 'expert-review' | 'publicity' | 'admission'}`) : name ?? '';
};

const STATUS_COLOR: Record<OrgStatus, string> = { draft: 'default', in_review: 'processing', in_publicity: 'purple', returned: 'warning', approved: 'success', rejected: 'error' };
const STANDING_COLOR: Record<Standing, string> = { none: 'default', good: 'success', warned: 'warning', rectifying: 'orange', suspended: 'volcano', removed: 'error' };

export function OrgStatusTag({ org }: { org: Pick<Org, 'status' | 'currentStep'> }) {
  const { t } = useI18n();
  const step = org.status === 'in_review' && org.currentStep ? ` · ${stepLabel(org.currentStep, t)}` : '';
  return <Tag color={STATUS_COLOR[org.status]} data-testid="org-status">{t(`prov.status.${org.status}`)}{step}</Tag>;
}

export function StandingTag({ org }: { org: Pick<Org, 'standing' | 'standingReason' | 'rectifyBy'> }) {
  const { t } = useI18n();
  const tag = (
    <Tag color={STANDING_COLOR[org.standing]} data-testid="org-standing">
      {t(`prov.standing.${org.standing}`)}{org.standing === 'rectifying' && org.rectifyBy ? ` · ${t('prov.rectifyByShort', { date: org.rectifyBy })}` : ''}
    </Tag>
  );
  return org.standingReason ? <Tooltip title={org.standingReason}>{tag}</Tooltip> : tag;
}

export function KindTag({ kind }: { kind: OrgKind }) {
  const { t } = useI18n();
  return <Tag color={kind === 'provider' ? 'blue' : 'cyan'}>{t(`prov.kind.${kind}`)}</Tag>;
}

/** The next yearly review: red once due, orange in the last 30 days before it. */
export function ReviewDue({ org, today }: { org: Pick<Org, 'reviewDueOn' | 'status' | 'standing'>; today: string }) {
  const { t } = useI18n();
  if (!org.reviewDueOn || org.status !== 'approved' || org.standing === 'removed') return <span>—</span>;
  const days = Math.round((Date.parse(`${org.reviewDueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return (
    <span>
      <span className="zgsz-mono">{org.reviewDueOn}</span>
      {days <= 0 ? <Tag color="error" style={{ marginLeft: 6 }}>{t('prov.reviewOverdue')}</Tag>
        : days <= 30 ? <Tag color="orange" style={{ marginLeft: 6 }}>{t('prov.reviewSoon', { n: days })}</Tag> : null}
    </span>
  );
}

export const poolKey = ['providers'] as const;

// ---- the page ----

export default function ProviderPoolPage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { date } = useBusinessDate();
  const { name: regionName } = useRegions();
  const navigate = useNavigate();
  const [city, setCity] = useState<City | undefined>();
  const [kind, setKind] = useState<OrgKind | undefined>();
  const [status, setStatus] = useState<OrgStatus | undefined>();
  const [search, setSearch] = useState('');
  const [registering, setRegistering] = useState(false);
  const office = OFFICES.includes(user.role);
  const mayRegister = can(user.role, 'providers.apply') && (user.role === 'city_admin' || user.role === 'region_officer');
  const query = useQuery({ queryKey: [...poolKey, city, kind, status], queryFn: () => api.get<Org[]>('/providers', { city, kind, status }) });
  const rows = useMemo(() => {
    const q = search.trim().toUpperCase();
    return (query.data ?? []).filter((o) => !q || o.name.toUpperCase().includes(q) || o.uscc.includes(q));
  }, [query.data, search]);

  const columns: ColumnsType<Org> = [
    {
      title: t('prov.col.name'), dataIndex: 'name', width: 240,
      render: (v: string, o) => (
        <span>
          <Link to={`/providers/${o.id}`} data-testid={`org-link-${o.id}`}>{v}</Link>
          {o.id === user.organisationId ? <Tag color="gold" style={{ marginLeft: 6 }}>{t('prov.ownOrg')}</Tag> : null}
          <span className="zgsz-mono" style={{ display: 'block', color: '#888' }}>{o.uscc}</span>
        </span>
      ),
    },
    { title: t('prov.col.kind'), dataIndex: 'kind', width: 105, render: (k: OrgKind) => <KindTag kind={k} /> },
    {
      title: t('prov.col.region'), dataIndex: 'regionId', width: 100,
      render: (r: string, o) => <span>{regionName(r)}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t(`city.${o.city}`)}</Typography.Text></span>,
    },
    {
      title: t('prov.col.scopes'), dataIndex: 'scopes', width: 150,
      render: (s: Scope[], o) => (o.kind === 'supervisor' ? <Typography.Text type="secondary">{t('prov.supervisionOnly')}</Typography.Text>
        : s.length ? <Space size={[0, 4]} wrap>{s.map((x) => <Tag key={x}>{t(`prov.scope.${x}`)}</Tag>)}</Space> : '—'),
    },
    {
      title: t('prov.col.served'), dataIndex: 'regionsServed', width: 120,
      render: (r: string[]) => (r.length ? r.map((x) => regionName(x)).join('、') : <Typography.Text type="secondary">{t('prov.servedAll')}</Typography.Text>),
    },
    { title: t('prov.col.capacity'), dataIndex: 'capacity', width: 80, align: 'right' },
    ...(office || rows.some((o) => o.status !== 'approved') ? [{ title: t('prov.col.status'), key: 'status', width: 130, render: (_: unknown, o: Org) => <OrgStatusTag org={o} /> }] : []),
    { title: t('prov.col.standing'), key: 'standing', width: 100, render: (_, o) => <StandingTag org={o} /> },
    // The yearly review is the offices' business (and the organisation's own).
    ...(office || rows.some((o) => o.id === user.organisationId) ? [{ title: t('prov.col.reviewDue'), key: 'review', width: 150, render: (_: unknown, o: Org) => <ReviewDue org={o} today={date} /> }] : []),
  ];

  return (
    <div className="zgsz-page" data-testid="provider-pool">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('prov.title')}</Typography.Title>
        <Space wrap>
          <Input.Search allowClear placeholder={t('prov.searchPlaceholder')} style={{ width: 240 }} onSearch={setSearch} onChange={(e) => { if (!e.target.value) setSearch(''); }} />
          <Select allowClear placeholder={t('prov.anyCity')} value={city} style={{ width: 110 }} onChange={setCity}
            options={[{ value: 'yangzhou', label: t('city.yangzhou') }, { value: 'suzhou', label: t('city.suzhou') }]} data-testid="filter-city" />
          <Select allowClear placeholder={t('prov.anyKind')} value={kind} style={{ width: 130 }} onChange={setKind}
            options={[{ value: 'provider', label: t('prov.kind.provider') }, { value: 'supervisor', label: t('prov.kind.supervisor') }]} data-testid="filter-kind" />
          {office ? (
            <Select allowClear placeholder={t('prov.anyStatus')} value={status} style={{ width: 120 }} onChange={setStatus}
              options={STATUSES.map((s) => ({ value: s, label: t(`prov.status.${s}`) }))} data-testid="filter-status" />
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>{t('common.refresh')}</Button>
          {mayRegister ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="register-org">{t('prov.register')}</Button> : null}
        </Space>
      </div>
      {office ? null : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(user.role === 'enterprise' ? 'prov.enterpriseNote' : 'prov.publicNote')} />
      )}
      <Card size="small">
        {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
        <Table<Org>
          rowKey="id" size="small" columns={columns} dataSource={rows} loading={query.isPending} scroll={{ x: 1175 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          onRow={(o) => ({ onDoubleClick: () => navigate(`/providers/${o.id}`) })}
          locale={{ emptyText: t('prov.empty') }} data-testid="org-table"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('prov.legend')}</Typography.Text>
      </Card>
      {mayRegister ? <RegisterModal open={registering} onClose={() => setRegistering(false)} /> : null}
    </div>
  );
}

// ---- the organisation's form (register and edit) ----

export interface OrgFormValues {
  kind: OrgKind; regionId: string; uscc: string; name: string; contactName: string; contactPhone: string;
  industries: string[]; scopes: Scope[]; regionsServed: string[]; capacity: number | null; introduction?: string;
}

const INDUSTRY = /^[A-T](\d{2,4})?$/;
const PHONE = /^[0-9+\-() ]{7,20}$/;
const FORM_FIELDS = ['kind', 'regionId', 'uscc', 'name', 'contactName', 'contactPhone', 'industries', 'scopes', 'regionsServed', 'capacity', 'introduction'] as const;

/** The API's field (`industries.2`, `uscc`) as a form field name, when the form has it. */
export function orgFormField(field: string | undefined): string | null {
  const head = field?.split('.')[0]?.split('[')[0];
  return head && (FORM_FIELDS as readonly string[]).includes(head) ? head : null;
}

export function cityRegionOptions(regions: Region[], t: Translate) {
  return (['yangzhou', 'suzhou'] as const).map((c) => ({
    label: t(`city.${c}`), options: regions.filter((r) => r.city === c && r.level !== 'city').map((r) => ({ value: r.id, label: r.name })),
  })).filter((g) => g.options.length);
}

/** The profile fields; `registering` adds kind, home region and USCC, which are fixed afterwards. */
export function OrgFormFields({ registering, kind, regionChoices }: { registering: boolean; kind: OrgKind; regionChoices?: SelectProps['options'] }) {
  const { t } = useI18n();
  const { regions } = useRegions();
  const text = (label: string, min: number, max: number) => [{
    validator: (_: unknown, v?: string) => {
      const n = (v ?? '').trim().length;
      return n >= min && n <= max ? Promise.resolve() : Promise.reject(new Error(t('prov.form.length', { label, min, max })));
    },
  }];
  return (
    <>
      {registering ? (
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="kind" label={t('prov.form.kind')}>
              <Radio.Group optionType="button" options={[{ value: 'provider', label: t('prov.kind.provider') }, { value: 'supervisor', label: t('prov.kind.supervisor') }]} data-testid="form-kind" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="regionId" label={t('prov.form.region')} rules={[{ required: true, message: t('prov.form.regionRequired') }]} extra={t('prov.form.regionHelp')}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={regionChoices} data-testid="form-region" />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      <Row gutter={12}>
        {registering ? (
          <Col xs={24} md={10}>
            <Form.Item name="uscc" label={t('field.uscc')} rules={[{ required: true, whitespace: true, message: t('prov.form.usccRequired') }, { len: 18, message: t('prov.form.usccLength') }]} extra={t('hint.uscc')}>
              <Input maxLength={18} className="zgsz-mono" data-testid="form-uscc" />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} md={registering ? 14 : 24}>
          <Form.Item name="name" label={t('prov.form.name')} required rules={text(t('prov.form.name'), 2, 100)}>
            <Input maxLength={100} data-testid="form-name" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item name="contactName" label={t('field.contactName')} required rules={text(t('field.contactName'), 2, 30)}>
            <Input maxLength={30} data-testid="form-contact" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item name="contactPhone" label={t('field.contactPhone')} rules={[{ required: true, message: t('prov.form.phoneRule') }, { pattern: PHONE, message: t('prov.form.phoneRule') }]}>
            <Input maxLength={20} data-testid="form-phone" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="industries" label={t('prov.form.industries')} extra={t('prov.form.industriesHelp')}
        rules={[{ validator: (_, v?: string[]) => ((v ?? []).every((c) => INDUSTRY.test(c)) ? Promise.resolve() : Promise.reject(new Error(t('prov.form.industryRule', { codes: (v ?? []).filter((c) => !INDUSTRY.test(c)).join('、') })))) }]}
        normalize={(v?: string[]) => (v ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean)}>
        <Select mode="tags" tokenSeparators={[',', ',', ' ', '、', ';', ';']} open={false} suffixIcon={null} placeholder="C、C34、C3824" data-testid="form-industries" />
      </Form.Item>
      {kind === 'provider' ? (
        <Form.Item name="scopes" label={t('prov.form.scopes')} extra={t('prov.form.scopesHelp')}>
          <Checkbox.Group options={SCOPES.map((s) => ({ value: s, label: t(`prov.scope.${s}`) }))} data-testid="form-scopes" />
        </Form.Item>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} md={16}>
          <Form.Item name="regionsServed" label={t('prov.form.served')} extra={t('prov.form.servedHelp')}>
            <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={cityRegionOptions(regions, t)} data-testid="form-served" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="capacity" label={t('prov.form.capacity')} extra={t('prov.form.capacityHelp')} rules={[{ required: true, message: t('prov.form.capacityRule') }]}>
            <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} data-testid="form-capacity" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="introduction" label={t('prov.form.introduction')}>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('prov.form.introductionPlaceholder')} />
      </Form.Item>
    </>
  );
}

/** The body fields of the profile, trimmed, as the API's schemas want them. */
export function profileBody(v: OrgFormValues, kind: OrgKind) {
  return {
    name: v.name.trim(), contactName: v.contactName.trim(), contactPhone: v.contactPhone.trim(),
    industries: v.industries ?? [], scopes: kind === 'provider' ? v.scopes ?? [] : [], regionsServed: v.regionsServed ?? [],
    capacity: v.capacity ?? 0, ...(v.introduction?.trim() ? { introduction: v.introduction.trim() } : {}),
  };
}

function RegisterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { message } = App.useApp();
  const { regions, name: regionName } = useRegions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OrgFormValues>();
  const kind = Form.useWatch('kind', form) ?? 'provider';
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const own = user.role === 'region_officer' ? user.regionId : null;
  const regionChoices = own ? [{ value: own, label: regionName(own) }] : cityRegionOptions(regions, t);

  const submit = async () => {
    let v: OrgFormValues;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      const org = await api.post<OrgDetail>('/providers', { kind: v.kind, regionId: v.regionId, uscc: v.uscc.trim().toUpperCase(), ...profileBody(v, v.kind) });
      message.success(t('prov.registered', { name: org.name }));
      queryClient.setQueryData(['provider', org.id], org);
      await queryClient.invalidateQueries({ queryKey: poolKey });
      form.resetFields();
      onClose();
      navigate(`/providers/${org.id}`);
    } catch (e) {
      setError(e);
      const field = e instanceof ApiError ? orgFormField(e.field) : null;
      if (field && e instanceof ApiError) form.setFields([{ name: field as keyof OrgFormValues, errors: [errorMessage(e)] }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('prov.registerTitle')} okText={t('prov.registerOk')} cancelText={t('common.cancel')} width={720} destroyOnHidden
      okButtonProps={{ loading: saving, ...{ 'data-testid': 'register-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      <div data-testid="register-form">
        <Typography.Paragraph type="secondary">{t('prov.registerHelp')}</Typography.Paragraph>
        {error ? <ErrorAlert error={error} title={t('prov.failed')} /> : null}
        <Form<OrgFormValues> form={form} layout="vertical" preserve={false} onValuesChange={() => { if (error) setError(null); }}
          initialValues={{ kind: 'provider', regionId: own ?? undefined, industries: [], scopes: [], regionsServed: [], capacity: 5 }}>
          <OrgFormFields registering kind={kind} regionChoices={regionChoices} />
        </Form>
      </div>
    </Modal>
  );
}
