// 申请诊断 (an enterprise, for itself) or 安排诊断 (a region's officer or the city, for an enterprise
// found by name or credit code): the scope — only those the enterprise's city pays for (苏州 has no
// 产业链 diagnosis) — the need in words, and for the offices whose quota pays.
import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Enterprise, Page } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-diagnoses.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { CITY_SCOPES, type Diagnosis, type Funding, type Scope, scopeLabel, useDiagnosisWrite } from './shared.tsx';

interface Values { enterpriseId?: string; scope?: Scope; need: string; funding: Funding }

export function RequestModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const { byId, name: regionName } = useRegions();
  const [form] = Form.useForm<Values>();
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const { error, setError, busy, run } = useDiagnosisWrite('');
  const [q, setQ] = useState('');
  const self = user.role === 'enterprise';
  const own = useQuery({
    queryKey: ['enterprise', user.enterpriseId], enabled: open && self && !!user.enterpriseId,
    queryFn: () => api.get<Enterprise>(`/enterprises/${encodeURIComponent(user.enterpriseId!)}`),
  });
  const search = useQuery({
    queryKey: ['enterprises', 'diagnosis-search', q], enabled: open && !self,
    queryFn: () => api.get<Page<Enterprise>>('/enterprises', { q: q.trim() || undefined, pageSize: 20 }),
  });
  const found = search.data?.items ?? [];
  const [picked, setPicked] = useState<Enterprise | null>(null);
  const enterprise = self ? own.data : picked && picked.id === enterpriseId ? picked : found.find((e) => e.id === enterpriseId);
  const city = enterprise ? byId.get(enterprise.regionId)?.city : undefined;
  const scopes = city ? CITY_SCOPES[city] : [];

  const submit = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    const box: { created?: Diagnosis } = {};
    const ok = await run(async () => {
      box.created = await api.post<Diagnosis>('/diagnoses', {
        scope: v.scope, need: v.need.trim(), ...(self ? {} : { enterpriseId: v.enterpriseId, funding: v.funding }),
      });
      return box.created;
    }, self ? t('diag.request.doneSelf') : t('diag.request.doneOffice'));
    if (ok && box.created) {
      onClose();
      navigate(`/diagnoses/${box.created.id}`);
    }
  };

  return (
    <Modal
      open={open} title={self ? t('diag.request.titleSelf') : t('diag.request.titleOffice')} width={620} destroyOnHidden
      okText={self ? t('diag.request.okSelf') : t('diag.request.okOffice')} cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'request-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}
    >
      <div data-testid="request-modal">
        <Typography.Paragraph type="secondary">{self ? t('diag.request.helpSelf') : t('diag.request.helpOffice')}</Typography.Paragraph>
        {own.isError ? <ErrorAlert error={own.error} /> : null}
        {error ? <ErrorAlert error={error} title={t('diag.request.failed')} /> : null}
        <Form<Values>
          form={form} layout="vertical" preserve={false} onValuesChange={(changed: Partial<Values>) => {
            if (error) setError(null);
            if ('enterpriseId' in changed) form.setFieldValue('scope', undefined);
          }}
          initialValues={{ need: '', funding: user.role === 'region_officer' ? 'county' : 'city' }}
        >
          {self ? (
            <Form.Item label={t('diag.col.enterprise')}>
              <Typography.Text strong>{own.data?.name ?? '…'}</Typography.Text>
              {own.data ? <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{regionName(own.data.regionId)}</Typography.Text> : null}
            </Form.Item>
          ) : (
            <Form.Item name="enterpriseId" label={t('diag.col.enterprise')} rules={[{ required: true, message: t('diag.request.enterpriseRequired') }]} extra={t('diag.request.enterpriseHelp')}>
              <Select
                showSearch={{ filterOption: false, onSearch: setQ }} placeholder={t('diag.request.enterprisePlaceholder')} loading={search.isFetching}
                notFoundContent={search.isFetching ? t('common.loading') : t('diag.request.noEnterprise')} data-testid="request-enterprise"
                onChange={(id: string) => setPicked(found.find((e) => e.id === id) ?? null)}
                options={found.map((e) => ({
                  value: e.id,
                  label: <span>{e.name}<Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>{regionName(e.regionId)} · <span className="zgsz-mono">{e.uscc}</span></Typography.Text></span>,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item name="scope" label={t('diag.col.scope')} rules={[{ required: true, message: t('diag.request.scopeRequired') }]}
            extra={city === 'suzhou' ? t('diag.request.noChainSuzhou') : city ? undefined : t('diag.request.pickEnterpriseFirst')}>
            <Radio.Group data-testid="request-scope" disabled={!city} options={scopes.map((s) => ({ value: s, label: scopeLabel(s, t) }))} />
          </Form.Item>
          <Form.Item name="need" label={t('diag.field.need')} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('diag.request.needRule') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('diag.request.needPlaceholder')} data-testid="request-need" />
          </Form.Item>
          {self ? null : (
            <Form.Item name="funding" label={t('diag.field.funding')}>
              <Radio.Group options={[{ value: 'city', label: t('diag.funding.city') }, { value: 'county', label: t('diag.funding.county') }]} />
            </Form.Item>
          )}
          {self ? null : <Alert type="info" showIcon title={t('diag.request.fundingHelp')} />}
        </Form>
      </div>
    </Modal>
  );
}
