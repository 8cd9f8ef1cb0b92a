// 申报: an enterprise (or its region's officer on its behalf) picks a measure of its city's policy,
// fills the form the API generates for that measure, and saves a draft; the detail page then shows
// the engine's 测算金额 with its explanation, takes one file per evidence item and submits. The same
// form edits a draft or a returned application (/applications/:id/edit).
import { currentErrorLang, fieldErrorText } from '../../lib/errors-i18n.ts';
import { ArrowLeftOutlined, DeleteOutlined, LockOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Radio, Result, Row, Select, Skeleton, Space, Steps, Tag, Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import { type Application, type ApplicationForm, CITY_POLICY_NAME, type FormField, type Supplier } from '../../api/applications.ts';
import type { Enterprise, Page, PolicySummary } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { MoneyInput, type MoneyValue, moneyRule } from '../../components/MoneyInput.tsx';
import { can } from '../../lib/access.ts';
import { fenToDecimal, type MoneyUnit, parseFen } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { entitlementText } from '../../lib/entitlement.ts';
import { factLabel, factValueLabel } from '../../lib/i18n-facts.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { applicationKey, factAt, fetchApplication, payerLabel, refreshApplications, roleShort, stepLabel, withClause } from './shared.tsx';

interface MeasureSummary { id: string; title: string; clause: string; quote: string; hasAmount: boolean; payer?: string; conditions: string[]; amount: string }
interface PolicyDetail extends PolicySummary { measureList: MeasureSummary[] }
type FactValue = MoneyValue | number | boolean | string | string[] | null | undefined;
interface Values { facts: Record<string, FactValue>; suppliers?: Supplier[] }

export default function ApplyPage() {
  const { id } = useParams();
  return id ? <EditApplication id={id} /> : <NewApplication />;
}

/** The city of the applicant: the enterprise's region, or the officer's own. */
function useApplicantCity(enterpriseId: string | undefined) {
  const { user } = useSignedIn();
  const { byId } = useRegions();
  const enterprise = useQuery({
    queryKey: ['enterprise', enterpriseId], enabled: !!enterpriseId,
    queryFn: () => api.get<Enterprise>(`/enterprises/${encodeURIComponent(enterpriseId!)}`),
  });
  const regionId = user.role === 'region_officer' ? user.regionId : enterprise.data?.regionId;
  return { city: regionId ? byId.get(regionId)?.city : undefined, enterprise: enterprise.data };
}

function NewApplication() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const officer = user.role === 'region_officer';
  const [enterpriseId, setEnterpriseId] = useState<string | undefined>(officer ? params.get('enterprise') ?? undefined : user.enterpriseId ?? undefined);
  const { city, enterprise } = useApplicantCity(officer ? undefined : user.enterpriseId ?? undefined);
  const { date } = useBusinessDate();
  const policies = useQuery({ queryKey: ['policies'], queryFn: () => api.get<PolicySummary[]>('/policies'), staleTime: 300_000 });
  const cityPolicies = (policies.data ?? []).filter((p) => city && p.city === CITY_POLICY_NAME[city]);
  // The text in force on the business date first.
  const inForce = cityPolicies.find((p) => p.validity.from <= date && date <= p.validity.to) ?? cityPolicies[0];
  const [chosenPolicy, setChosenPolicy] = useState<string | undefined>();
  const policyId = chosenPolicy ?? inForce?.id;
  const measureId = params.get('measure') ?? undefined;
  const setMeasure = (m: string | undefined) => {
    const next = new URLSearchParams(params);
    if (m) next.set('measure', m); else next.delete('measure');
    setParams(next, { replace: true });
  };

  if (!can(user.role, 'applications.apply')) return <Result status="403" title="403" subTitle={t('common.noAccess')} />;
  if (policies.isError) return <ErrorAlert error={policies.error} onRetry={() => void policies.refetch()} />;

  return (
    <div className="zgsz-page" data-testid="apply-page">
      <div className="zgsz-page-head">
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <Typography.Title level={4}>{t('apl.newTitle')}</Typography.Title>
        </Space>
      </div>
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>{t('apl.newHelp')}</Typography.Paragraph>
        <Row gutter={16}>
          {officer ? (
            <Col xs={24} lg={8}>
              <div className="zgsz-label">{t('apl.enterprise')}</div>
              <EnterprisePicker value={enterpriseId} onChange={setEnterpriseId} />
            </Col>
          ) : (
            <Col xs={24} lg={8}>
              <div className="zgsz-label">{t('apl.enterprise')}</div>
              <Typography.Text strong data-testid="apply-enterprise">{enterprise?.name ?? '…'}</Typography.Text>
            </Col>
          )}
          <Col xs={24} lg={8}>
            <div className="zgsz-label">{t('apl.policy')}</div>
            {cityPolicies.length > 1 ? (
              <Select style={{ width: '100%' }} value={policyId} onChange={(v: string) => { setChosenPolicy(v); setMeasure(undefined); }}
                options={cityPolicies.map((p) => ({ value: p.id, label: `${p.shortTitle}${p.number ? `(${p.number})` : ''}` }))} />
            ) : (
              <Typography.Text data-testid="apply-policy">{inForce ? `${inForce.shortTitle}${inForce.number ? `(${inForce.number})` : ''}` : '…'}</Typography.Text>
            )}
          </Col>
          <Col xs={24} lg={8}>
            <div className="zgsz-label">{t('apl.measure')}</div>
            {policyId ? <MeasurePicker policyId={policyId} value={measureId} onChange={setMeasure} /> : <Select style={{ width: '100%' }} disabled loading />}
          </Col>
        </Row>
      </Card>
      {policyId && measureId ? (
        officer && !enterpriseId ? <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('apl.chooseEnterprise')} /> : (
          <FactsCard
            key={`${policyId}/${measureId}`} policyId={policyId} measureId={measureId}
            save={async (facts, suppliers) => (await api.post<Application>('/applications', { ...(officer ? { enterpriseId } : {}), policyId, measureId, facts, suppliers })).id}
          />
        )
      ) : (
        <Card size="small" style={{ marginTop: 12 }}><Empty description={t('apl.chooseMeasure')} /></Card>
      )}
    </div>
  );
}

function EditApplication({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const detail = useQuery({ queryKey: applicationKey(id), queryFn: () => fetchApplication(id) });
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  const { application: a, facts, actions } = detail.data;
  const why = a.status === 'returned' ? [...detail.data.history].reverse().find((h) => h.action.startsWith('return')) : undefined;
  return (
    <div className="zgsz-page" data-testid="apply-page">
      <div className="zgsz-page-head">
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(`/applications/${id}`)} aria-label={t('common.back')} />
          <Typography.Title level={4}>{t('apl.editTitle', { number: a.number })}</Typography.Title>
        </Space>
      </div>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('apl.enterprise')}>{a.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('apl.measure')}>{withClause(a.measureTitle, a.clause)}</Descriptions.Item>
          <Descriptions.Item label={t('apl.estimate')}>{entitlementText({ min: a.minFen, max: a.maxFen }, lang)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {why?.opinion ? (
        <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('act.state.returned')} description={`${t('apl.reason')}:${why.opinion}(${why.actorName})`} />
      ) : null}
      {!actions.edit ? <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('apl.notEditable')} /> : (
        <FactsCard
          policyId={a.policyId} measureId={a.measureId} facts={facts} suppliers={detail.data.suppliers}
          save={async (newFacts, suppliers) => (await api.patch<Application>(`/applications/${encodeURIComponent(id)}`, { version: a.version, facts: newFacts, suppliers })).id}
        />
      )}
    </div>
  );
}

function EnterprisePicker({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['enterprises', { q, picker: true }],
    queryFn: () => api.get<Page<Enterprise>>('/enterprises', { q: q.trim() || undefined, pageSize: 50 }),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }} allowClear style={{ width: '100%' }} placeholder={t('apl.enterpriseSearch')} value={value}
      loading={list.isFetching} onChange={(v?: string) => onChange(v)} data-testid="apply-enterprise-select"
      options={(list.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}(${e.uscc})` }))}
    />
  );
}

function MeasurePicker({ policyId, value, onChange }: { policyId: string; value: string | undefined; onChange: (id: string | undefined) => void }) {
  const { t } = useI18n();
  const policy = useQuery({ queryKey: ['policy', policyId], queryFn: () => api.get<PolicyDetail>(`/policies/${encodeURIComponent(policyId)}`), staleTime: 300_000 });
  const measures = (policy.data?.measureList ?? []).filter((m) => m.hasAmount);
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }} style={{ width: '100%' }} value={value} placeholder={t('apl.chooseMeasure')} loading={policy.isPending}
      onChange={(v: string) => onChange(v)} data-testid="apply-measure"
      options={measures.map((m) => ({ value: m.id, label: withClause(m.title, m.clause) }))}
      optionRender={(o) => {
        const m = measures.find((x) => x.id === o.value);
        return m ? <div><div>{m.title} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.clause}</Typography.Text></div><div style={{ fontSize: 12, color: '#888', whiteSpace: 'normal' }}>{m.amount}</div></div> : o.label;
      }}
    />
  );
}

// ---- the generated form ----

const MONEY_TEXT = /^\s*([\d,]+(?:\.\d+)?)\s*(万元|元)?\s*$/;

/** A stored fact as the control shows it (money as typed: “2500万元” → 2500 万元). */
function initialValue(field: FormField, raw: unknown): FactValue {
  if (raw === undefined || raw === null) return field.type === 'money' ? { amount: '', unit: '万元' } : undefined;
  switch (field.type) {
    case 'money': {
      if (typeof raw === 'number') return { amount: String(raw), unit: '元' };
      const m = MONEY_TEXT.exec(String(raw));
      return m ? { amount: m[1]!.replace(/,/g, ''), unit: (m[2] ?? '元') as MoneyUnit } : { amount: String(raw), unit: '万元' };
    }
    case 'codes': return Array.isArray(raw) ? raw.map(String) : String(raw).split(/[;;、,,|]/).map((s) => s.trim()).filter(Boolean);
    case 'boolean': return raw === true || raw === 'true';
    case 'count': case 'level': return typeof raw === 'number' ? raw : Number(raw);
    default: return String(raw);
  }
}

/** The facts to send: the applicant's fields only, money as an exact decimal with its unit. */
function toFacts(fields: FormField[], values: Record<string, FactValue> | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const f of fields) {
    if (f.fromFile) continue;
    const v = values?.[f.path];
    if (v === undefined || v === null || v === '') continue;
    if (f.type === 'money') {
      const m = v as MoneyValue;
      const fen = parseFen(m.amount, m.unit);
      if (fen !== null) out[f.path] = `${fenToDecimal(fen, m.unit)}${m.unit}`;
    } else if (f.type === 'codes') {
      if ((v as string[]).length) out[f.path] = (v as string[]).join(',');
    } else {
      out[f.path] = v as string | number | boolean;
    }
  }
  return out;
}

function FactsCard({ policyId, measureId, facts, suppliers, save }: {
  policyId: string; measureId: string; facts?: Record<string, unknown>; suppliers?: Supplier[];
  /** Creates or updates the application; resolves to its id. */
  save: (facts: Record<string, string | number | boolean>, suppliers: Supplier[]) => Promise<string>;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const def = useQuery({
    queryKey: ['application-form', policyId, measureId],
    queryFn: () => api.get<ApplicationForm>(`/application-forms/${encodeURIComponent(policyId)}/${encodeURIComponent(measureId)}`),
    staleTime: 300_000,
  });
  if (def.isError) return <div style={{ marginTop: 12 }}><ErrorAlert error={def.error} onRetry={() => void def.refetch()} /></div>;
  if (!def.data) return <Card size="small" style={{ marginTop: 12 }}><Skeleton active paragraph={{ rows: 6 }} /></Card>;
  const f = def.data;
  const own = f.fields.filter((x) => !x.fromFile);
  const initial: Values = { facts: Object.fromEntries(own.map((x) => [x.path, initialValue(x, factAt(facts, x.path))])), suppliers: suppliers ?? [] };

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const list = (values.suppliers ?? []).filter((x) => x && (x.uscc || x.name)).map((x) => ({ uscc: (x.uscc ?? '').trim(), name: (x.name ?? '').trim(), ...(x.note?.trim() ? { note: x.note.trim() } : {}) }));
      const saved = await save(toFacts(f.fields, values.facts), list);
      // The detail page must show the saved version (its number is what 提交 sends).
      await refreshApplications(queryClient, saved);
      message.success(t('apl.saved'));
      navigate(`/applications/${saved}`, { state: { saved: true } });
    } catch (e) {
      const field = e instanceof ApiError && e.field?.startsWith('facts.') ? e.field.slice('facts.'.length) : null;
      const supplier = e instanceof ApiError ? /^suppliers\[(\d+)\]\.(uscc|name|note)$/.exec(e.field ?? '') : null;
      if (supplier) {
        form.setFields([{ name: ['suppliers', Number(supplier[1]), supplier[2] as 'uscc' | 'name' | 'note'], errors: [errorMessage(e)] }]);
      } else if (field && own.some((x) => x.path === field)) {
        form.setFields([{ name: ['facts', field], errors: [e instanceof ApiError ? fieldErrorText(e, currentErrorLang()) : errorMessage(e)] }]);
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Row gutter={12} style={{ marginTop: 12 }}>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('apl.factsTitle')} data-testid="apply-form">
          {error ? <ErrorAlert error={error} title={t('apl.saveFailed')} /> : null}
          <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} onValuesChange={() => { if (error) setError(null); }}>
            {f.fields.map((field) => (field.fromFile ? (
              <Form.Item key={field.path} label={factLabel(field.path, field.label, lang)}>
                <Space wrap>
                  <Tag icon={<LockOutlined />} color="default" data-testid={`fact-file-${field.path}`}>
                    {facts ? fileFactText(field, factAt(facts, field.path), t('common.yes'), t('common.no'), lang) : t('apl.fromFileValue')}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('apl.fromFileNote')}</Typography.Text>
                </Space>
              </Form.Item>
            ) : (
              <Form.Item
                key={field.path} name={['facts', field.path]} label={factLabel(field.path, field.label, lang)} required={field.required}
                rules={field.type === 'money'
                  ? [moneyRule({ required: field.required ? t('apl.requiredField', { label: factLabel(field.path, field.label, lang) }) : undefined, invalid: t('apl.moneyInvalid') })]
                  : field.required ? [{ required: true, message: t('apl.requiredField', { label: factLabel(field.path, field.label, lang) }) }] : []}
              >
                {control(field, t('common.yes'), t('common.no'), lang)}
              </Form.Item>
            )))}
            <SuppliersField />
            <div style={{ textAlign: 'right' }}>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="apply-save">{t('apl.saveDraft')}</Button>
            </div>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('apl.measureText')} data-testid="apply-measure-text">
          <blockquote className="zgsz-quote">{f.quote}<span className="zgsz-quote-clause">——{f.clause}</span></blockquote>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('apl.payer')}>{payerLabel(f.payer, t)}</Descriptions.Item>
            <Descriptions.Item label={t('apl.validity')}>{f.validity.from} ~ {f.validity.to}</Descriptions.Item>
            <Descriptions.Item label={t('apl.year')}>{f.year}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title={t('apl.evidenceList', { n: f.evidence.length })} style={{ marginTop: 12 }}>
          <ol className="zgsz-steps" style={{ marginTop: 0 }}>
            {f.evidence.map((e) => <li key={e.id}>{e.label}<div style={{ fontSize: 12, color: '#888' }}>{e.basis}</div></li>)}
          </ol>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('apl.evidenceAfterSave')}</Typography.Text>
        </Card>
        <Card size="small" title={t('apl.chainTitle')} style={{ marginTop: 12 }}>
          <Steps
            size="small" orientation="vertical" current={-1}
            items={[
              { title: t('apl.stepApply'), content: t('apl.role.applicant') },
              ...f.chain.steps.map((s) => ({
                title: stepLabel(s, lang),
                content: s.kind === 'publicity'
                  ? t('apl.publicityRule', { n: f.chain.publicity.length, unit: t(`apl.dayUnit.${f.chain.publicity.unit}`) })
                  : roleShort(s.role, t),
              })),
              { title: t('apl.stepAccept') }, { title: t('apl.stepDisburse') },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

function fileFactText(field: FormField, raw: unknown, yes: string, no: string, lang: 'zh' | 'en'): string {
  if (raw === undefined || raw === null) return '—';
  if (field.type === 'boolean') return raw === true ? yes : no;
  if (field.type === 'enum') { const v = field.values?.find((x) => x.code === raw); return v ? factValueLabel(field.path, v.code, v.label, lang) : String(raw); }
  if (field.type === 'level' && field.unit) return `${String(raw)} ${field.unit}`;
  return String(raw);
}

function control(field: FormField, yes: string, no: string, lang: 'zh' | 'en') {
  const testId = `fact-${field.path}`;
  switch (field.type) {
    case 'money': return <MoneyInput testId={testId} />;
    case 'boolean': return <Radio.Group data-testid={testId} options={[{ value: true, label: yes }, { value: false, label: no }]} />;
    case 'enum': return <Select allowClear data-testid={testId} options={(field.values ?? []).map((v) => ({ value: v.code, label: factValueLabel(field.path, v.code, v.label, lang) }))} />;
    case 'codes': return <Select mode="multiple" allowClear data-testid={testId} options={(field.values ?? []).map((v) => ({ value: v.code, label: factValueLabel(field.path, v.code, v.label, lang) }))} />;
    default: return <InputNumber min={field.min ?? 0} max={field.max} precision={0} suffix={field.unit} style={{ width: '100%' }} data-testid={testId} />;
  }
}

/** The project's suppliers (利益冲突): one that diagnosed this enterprise must be explained before submission. */
function SuppliersField() {
  const { t } = useI18n();
  return (
    <Form.Item label={t('apl.suppliers')} extra={t('apl.suppliersHelp')}>
      <Form.List name="suppliers">
        {(fields, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((field) => (
              <Space key={field.key} align="start" wrap data-testid="apply-supplier">
                <Form.Item name={[field.name, 'uscc']} rules={[{ required: true, message: t('apl.supplierUscc') }]} style={{ marginBottom: 0 }}>
                  <Input placeholder={t('apl.supplierUscc')} maxLength={18} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('apl.supplierName') }]} style={{ marginBottom: 0 }}>
                  <Input placeholder={t('apl.supplierName')} maxLength={100} style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'note']} style={{ marginBottom: 0 }}>
                  <Input placeholder={t('apl.supplierNote')} maxLength={500} style={{ width: 260 }} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('apl.supplierRemove')} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ uscc: '', name: '' })} data-testid="apply-supplier-add">{t('apl.supplierAdd')}</Button>
          </Space>
        )}
      </Form.List>
    </Form.Item>
  );
}
