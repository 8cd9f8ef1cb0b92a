// Create and edit an enterprise file. The server validates (USCC check characters, region, GB/T
// 4754 code, certification levels) and its message is shown next to the field it names; an edit
// sends `version` so a concurrent change is refused with 409 rather than overwritten. An enterprise
// user edits only its contact details and chains; its certifications come through 提交认定. A USCC
// already filed in another region can be asked for with 申请划转.
import { currentErrorLang, errorFieldLabel, fieldErrorText } from '../../lib/errors-i18n.ts';
import { ArrowLeftOutlined, DeleteOutlined, InteractionOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Result, Row, Select, Skeleton, Space, Switch, Table, Typography } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import type { Certification, CertificationKind, Enterprise } from '../../api/types.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { type MessageKey, useI18n } from '../../lib/i18n.tsx';
import { certKindLabel, certLevelLabel, certLevels, chainLabel, CERTIFICATION_KINDS, INDUSTRIAL_CHAINS } from '../../lib/labels.ts';
import { regionOptions, useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { TransferRequestModal } from './TransferRequestModal.tsx';

interface FormValues {
  uscc: string; name: string; regionId: string; industryCode: string; aboveScale: boolean; chains: string[];
  legalForm: 'independent' | 'branch'; contactName?: string | null; contactPhone?: string | null; contactEmail?: string | null;
  address?: string | null; certifications: Partial<Certification>[];
}

/**
 * Fields kept by the government; an enterprise user may not change them (ENTERPRISE_SELF_EDITABLE in
 * domain/access/checks.ts answers 403 naming the field). Certifications come through 提交认定.
 */
const OFFICER_KEPT = new Set(['name', 'regionId', 'industryCode', 'aboveScale', 'legalForm', 'certifications']);
const FIELDS = ['uscc', 'name', 'regionId', 'industryCode', 'aboveScale', 'chains', 'legalForm', 'contactName', 'contactPhone', 'contactEmail', 'address', 'certifications'] as const;
const OPTIONAL_TEXT = new Set(['contactName', 'contactPhone', 'contactEmail', 'address']);

/** The form field an API error names: `certifications.0.level` → ['certifications', 0, 'level'], `chains.0` → 'chains'. */
export function formFieldOf(field: string | undefined): NamePath | null {
  if (!field) return null;
  const parts = field.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  const head = parts[0];
  if (!head || !(FIELDS as readonly string[]).includes(head)) return null;
  if (head === 'certifications' && parts.length >= 3 && /^\d+$/.test(parts[1]!)) return ['certifications', Number(parts[1]), parts[2]!];
  if (head === 'certifications') return null;
  return head;
}

/** A create refused because the USCC is filed in another region, which a transfer request can resolve. */
function isTransferable(e: unknown): e is ApiError {
  return e instanceof ApiError && e.status === 409 && e.field === 'uscc' && (e.details as { transferable?: unknown } | undefined)?.transferable === true;
}

/** The message without the lead-in naming the field, which the field's position already says. */
function fieldMessage(e: ApiError): string {
  return fieldErrorText(e, currentErrorLang());
}

function toValues(e: Enterprise): FormValues {
  return {
    uscc: e.uscc, name: e.name, regionId: e.regionId, industryCode: e.industryCode, aboveScale: e.aboveScale, chains: e.chains,
    legalForm: e.legalForm, contactName: e.contactName, contactPhone: e.contactPhone, contactEmail: e.contactEmail, address: e.address,
    certifications: e.certifications.map((c) => ({ ...c })),
  };
}

function toBody(v: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const k of FIELDS) {
    const value = v[k];
    body[k] = OPTIONAL_TEXT.has(k) ? (typeof value === 'string' && value.trim() ? value.trim() : null) : typeof value === 'string' ? value.trim() : value;
  }
  body.chains = v.chains ?? [];
  body.certifications = (v.certifications ?? []).map((c) => ({ kind: c.kind, level: c.level, title: c.title?.trim() ?? '', year: c.year }));
  return body;
}

export default function EnterpriseFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const query = useQuery({
    queryKey: ['enterprise', id], enabled: editing,
    queryFn: () => api.get<Enterprise>(`/enterprises/${encodeURIComponent(id!)}`),
  });
  const { t } = useI18n();
  const navigate = useNavigate();
  if (editing && query.isError) {
    // Another region's file answers 404 like a missing one: say so, as the detail page does, instead of a retry.
    if (query.error instanceof ApiError && query.error.status === 404) {
      return <Card><Result status="404" title={t('ent.notFound')} subTitle={errorMessage(query.error)} extra={<Button onClick={() => navigate('/enterprises')}>{t('common.back')}</Button>} /></Card>;
    }
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (editing && !query.data) return <Card><Skeleton active paragraph={{ rows: 12 }} /></Card>;
  return <EnterpriseForm key={`${id ?? 'new'}-${query.data?.version ?? 0}`} original={query.data ?? null} reload={() => void query.refetch()} title={t(editing ? 'ent.editTitle' : 'ent.newTitle')} />;
}

function EnterpriseForm({ original, reload, title }: { original: Enterprise | null; reload: () => void; title: string }) {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { regions } = useRegions();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [transferUscc, setTransferUscc] = useState<string | null>(null);

  const isEnterprise = user.role === 'enterprise';
  const officerRegion = user.role === 'region_officer' ? user.regionId : null;
  const locked = (field: string) => isEnterprise && OFFICER_KEPT.has(field);

  const initialValues: Partial<FormValues> = original ? toValues(original) : {
    aboveScale: false, chains: [], legalForm: 'independent', certifications: [], ...(officerRegion ? { regionId: officerRegion } : {}),
  };

  const submit = async (values: FormValues) => {
    setSaving(true);
    setError(null);
    try {
      let saved: Enterprise;
      if (original) {
        const body = toBody(values);
        const before = toBody(toValues(original));
        const changes: Record<string, unknown> = {};
        for (const k of FIELDS) if (k !== 'uscc' && !locked(k) && JSON.stringify(body[k]) !== JSON.stringify(before[k])) changes[k] = body[k];
        saved = await api.patch<Enterprise>(`/enterprises/${original.id}`, { ...changes, version: original.version });
        message.success(t('ent.saved', { version: saved.version }));
      } else {
        saved = await api.post<Enterprise>('/enterprises', toBody(values));
        message.success(t('ent.created'));
      }
      queryClient.setQueryData(['enterprise', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['enterprises'] });
      await queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      navigate(`/enterprises/${saved.id}`, { replace: !!original });
    } catch (e) {
      setError(e);
      const name = e instanceof ApiError ? formFieldOf(e.field) : null;
      if (name !== null && e instanceof ApiError) {
        form.setFields([{ name, errors: [fieldMessage(e)] }]);
        form.scrollToField(name);
      }
    } finally {
      setSaving(false);
    }
  };

  const required = (label: MessageKey) => [{ required: true, message: t('ent.required', { label: t(label) }) }];
  const conflict = error instanceof ApiError && error.status === 409 && error.field === 'version';
  const transferable = !original && isTransferable(error) && can(user.role, 'enterprises.transfers.request');

  return (
    <div className="zgsz-page" data-testid="enterprise-form">
      <div className="zgsz-page-head">
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <Typography.Title level={4}>{original ? `${title}${lang === 'en' ? ': ' : ':'}${original.name}` : title}</Typography.Title>
        </Space>
      </div>
      {error ? (
        <Alert
          type="error" showIcon role="alert" data-testid="form-error" style={{ marginBottom: 12 }}
          title={t('ent.fixErrors')}
          description={<span>{errorMessage(error)}{error instanceof ApiError && error.field && lang === 'zh' && !error.message.includes(errorFieldLabel(error.field, 'zh') ?? '') ? `(${t('common.field')}:${errorFieldLabel(error.field, 'zh')})` : ''}</span>}
          action={conflict ? <Button size="small" onClick={reload}>{t('ent.reloadLatest')}</Button>
            : transferable ? (
              <Button size="small" type="primary" icon={<InteractionOutlined />} data-testid="transfer-request-open"
                onClick={() => setTransferUscc(String(form.getFieldValue('uscc') ?? '').trim().toUpperCase())}>
                {t('transfer.request')}
              </Button>
            ) : undefined}
        />
      ) : null}
      {isEnterprise ? <Alert type="info" showIcon title={t('ent.officerKept')} style={{ marginBottom: 12 }} /> : null}
      <Form<FormValues> form={form} initialValues={initialValues} layout="vertical" onFinish={(v) => void submit(v)} scrollToFirstError
        onValuesChange={() => { if (error) setError(null); }}>
        <Card size="small" title={t('ent.section.basic')}>
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="uscc" label={t('field.uscc')} rules={required('field.uscc')} extra={original ? undefined : t('hint.uscc')}>
                <Input maxLength={18} disabled={!!original} className="zgsz-mono" data-testid="field-uscc" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="name" label={t('field.name')} rules={required('field.name')}>
                <Input maxLength={100} disabled={locked('name')} data-testid="field-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="regionId" label={t('field.region')} rules={required('field.region')}>
                <Select options={regionOptions(regions.filter((r) => r.level !== 'city' && (!officerRegion || r.id === officerRegion)))}
                  showSearch={{ optionFilterProp: 'label' }} disabled={locked('regionId') || !!officerRegion} data-testid="field-region" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="industryCode" label={t('field.industryCode')} rules={required('field.industryCode')} extra={t('hint.industryCode')}>
                <Input maxLength={5} disabled={locked('industryCode')} data-testid="field-industryCode" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name="aboveScale" label={t('field.aboveScale')} valuePropName="checked">
                <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} disabled={locked('aboveScale')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item name="legalForm" label={t('field.legalForm')} rules={required('field.legalForm')}>
                <Select disabled={locked('legalForm')} options={[{ value: 'independent', label: t('legal.independent') }, { value: 'branch', label: t('legal.branch') }]} />
              </Form.Item>
            </Col>
            <Col xs={24} xl={24}>
              <Form.Item name="chains" label={t('field.chains')}>
                <Select mode="multiple" allowClear options={INDUSTRIAL_CHAINS.map((c) => ({ value: c, label: chainLabel(c, lang) }))} data-testid="field-chains" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('ent.section.contact')} style={{ marginTop: 12 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}><Form.Item name="contactName" label={t('field.contactName')}><Input maxLength={50} data-testid="field-contactName" /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="contactPhone" label={t('field.contactPhone')}><Input maxLength={20} data-testid="field-contactPhone" /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="contactEmail" label={t('field.contactEmail')}><Input maxLength={200} data-testid="field-contactEmail" /></Form.Item></Col>
            <Col xs={24}><Form.Item name="address" label={t('field.address')}><Input maxLength={200} /></Form.Item></Col>
          </Row>
        </Card>
        <Card size="small" title={t('ent.section.certs')} style={{ marginTop: 12 }}>
          {locked('certifications') && original ? <CertificationsReadOnly enterprise={original} /> : (
            <Form.List name="certifications">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Row gutter={8} key={f.key} align="top">
                      <Col xs={24} md={7}>
                        <Form.Item name={[f.name, 'kind']} label={t('cert.kind')} rules={[{ required: true, message: t('ent.required', { label: t('cert.kind') }) }]}>
                          <Select
                            options={(Object.keys(CERTIFICATION_KINDS) as CertificationKind[]).map((k) => ({ value: k, label: certKindLabel(k, t) }))}
                            onChange={() => form.setFieldValue(['certifications', f.name, 'level'], undefined)}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item noStyle shouldUpdate>
                          {() => {
                            const kind = form.getFieldValue(['certifications', f.name, 'kind']) as CertificationKind | undefined;
                            return (
                              <Form.Item name={[f.name, 'level']} label={t('cert.level')} rules={[{ required: true, message: t('ent.required', { label: t('cert.level') }) }]}>
                                <Select options={(kind ? certLevels(kind) : []).map((l) => ({ value: l, label: certLevelLabel(kind!, l, t) }))} />
                              </Form.Item>
                            );
                          }}
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={3}>
                        <Form.Item name={[f.name, 'year']} label={t('cert.year')} rules={[{ required: true, message: t('ent.required', { label: t('cert.year') }) }]}>
                          <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={20} md={8}>
                        <Form.Item name={[f.name, 'title']} label={t('cert.title')} rules={[{ required: true, message: t('ent.required', { label: t('cert.title') }) }]}>
                          <Input maxLength={200} />
                        </Form.Item>
                      </Col>
                      <Col xs={4} md={2}>
                        <Form.Item label=" ">
                          <Button danger type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('ent.removeCert')} />
                        </Form.Item>
                      </Col>
                    </Row>
                  ))}
                  {fields.length === 0 ? <Typography.Text type="secondary">{t('ent.noCerts')}</Typography.Text> : null}
                  <div style={{ marginTop: 8 }}>
                    <Button icon={<PlusOutlined />} onClick={() => add({ year: new Date().getFullYear() })}>{t('ent.addCert')}</Button>
                  </div>
                </>
              )}
            </Form.List>
          )}
        </Card>
        <div className="zgsz-form-actions">
          <Space>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="form-submit">{t('common.save')}</Button>
          </Space>
        </div>
      </Form>
      <TransferRequestModal open={transferUscc !== null} uscc={transferUscc ?? undefined} onClose={() => setTransferUscc(null)}
        onRequested={() => navigate('/enterprises/transfers')} />
    </div>
  );
}

/** What an enterprise user sees instead of the editable list: its certifications and the way to claim one. */
function CertificationsReadOnly({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div data-testid="certs-readonly">
      <Alert
        type="info" showIcon style={{ marginBottom: 8 }} title={t('claim.editHint')}
        action={(
          <Button size="small" type="primary" icon={<SafetyCertificateOutlined />} data-testid="go-claim"
            onClick={() => navigate(`/enterprises/${enterprise.id}`, { state: { claim: true } })}>
            {t('claim.goSubmit')}
          </Button>
        )}
      />
      <Table<Certification>
        size="small" rowKey={(c) => `${c.kind}-${c.level}-${c.year}-${c.title}`} pagination={false} dataSource={enterprise.certifications}
        locale={{ emptyText: t('ent.noCerts') }}
        columns={[
          { title: t('cert.kind'), dataIndex: 'kind', render: (k: string) => certKindLabel(k, t) },
          { title: t('cert.level'), dataIndex: 'level', render: (l: string, c) => certLevelLabel(c.kind, l, t) },
          { title: t('cert.title'), dataIndex: 'title' },
          { title: t('cert.year'), dataIndex: 'year', width: 100 },
        ]}
      />
    </div>
  );
}
