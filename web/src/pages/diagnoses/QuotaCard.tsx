// The year's diagnosis quotas and their use: 苏州 (五) 市级每年 40 家工厂、600 家车间 (created from the
// text on first use), and any region's own quota (鼓励各县级市(区)同步开展). 扬州's text sets no
// yearly quota. The city sets the city's figures, a region its own; never below what is used.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, InputNumber, Progress, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { percentOf } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-diagnoses.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { type City, CITY_SCOPES, type Quota, type Scope, scopeLabel } from './shared.tsx';

export function useQuotas(year: number, city: City | undefined) {
  return useQuery({ queryKey: ['diagnoses', 'quotas', year, city ?? 'all'], queryFn: () => api.get<Quota[]>('/diagnoses/quotas', { year, city }) });
}

export function QuotaCard({ year, city, years, editable = true }: { year: number; city: City | undefined; years: number[]; editable?: boolean }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { byId, name: regionName } = useRegions();
  const query = useQuotas(year, city);
  const ownCity = user.regionId ? byId.get(user.regionId)?.city : undefined;
  const cities: City[] = city ? [city] : ownCity ? [ownCity] : ['yangzhou', 'suzhou'];
  const rows = (query.data ?? []).filter((q) => cities.includes(q.city));
  return (
    <Card size="small" title={t('diag.quota.title', { year })} style={{ marginBottom: 12 }} data-testid="quota-card">
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {cities.map((c) => {
        const mine = rows.filter((q) => q.city === c);
        return (
          <div key={c} style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t(`city.${c}`)}</Typography.Text>
            {c === 'yangzhou' && !mine.some((q) => q.regionId === null) ? (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>{t('diag.quota.noneYangzhou')}</Typography.Paragraph>
            ) : null}
            {!mine.length ? (
              c === 'yangzhou' ? null : <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>{t('diag.quota.none')}</Typography.Paragraph>
            ) : (
              <Row gutter={[16, 8]} style={{ marginTop: 4 }}>
                {mine.map((q) => (
                  <Col xs={24} md={12} key={`${q.regionId ?? 'city'}-${q.scope}`} data-testid={`quota-${q.city}-${q.regionId ?? 'city'}-${q.scope}`}>
                    <Space size={6} wrap>
                      <span>{q.regionId ? regionName(q.regionId) : t('diag.quota.cityLevel')} · {scopeLabel(q.scope, t)}</span>
                      <Typography.Text type={q.remaining <= 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                        {t('diag.quota.usedOf', { used: q.used, quota: q.quota, remaining: q.remaining })}
                      </Typography.Text>
                    </Space>
                    <Progress percent={percentOf(q.used, q.quota)} size="small" status={q.remaining <= 0 ? 'exception' : 'normal'} />
                    {q.clause ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{q.clause}</Typography.Text> : null}
                  </Col>
                ))}
              </Row>
            )}
          </div>
        );
      })}
      {editable && can(user.role, 'diagnoses.quotas') ? <QuotaForm year={year} years={years} cities={cities} quotas={query.data ?? []} /> : null}
    </Card>
  );
}

interface Values { city: City; regionId: string; year: number; scope: Scope; quota: number | null }

function QuotaForm({ year, years, cities, quotas }: { year: number; years: number[]; cities: City[]; quotas: Quota[] }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { local, name: regionName } = useRegions();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const cityWide = user.role === 'city_admin';
  const v = Form.useWatch([], form) as Partial<Values> | undefined;
  const city = v?.city ?? cities[0]!;
  const current = quotas.find((q) => q.city === city && (q.regionId ?? '') === (v?.regionId ?? '') && q.scope === v?.scope && q.year === v?.year);

  const submit = async () => {
    let values: Values;
    try { values = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      await api.put('/diagnoses/quotas', {
        city: values.city, regionId: values.regionId || null, year: values.year, scope: values.scope, quota: values.quota,
      });
      message.success(t('diag.quota.saved'));
      await queryClient.invalidateQueries({ queryKey: ['diagnoses', 'quotas'] });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const regionOptions = [
    ...(cityWide ? [{ value: '', label: t('diag.quota.cityLevel') }] : []),
    ...local.filter((r) => r.city === city && (cityWide || r.id === user.regionId)).map((r) => ({ value: r.id, label: r.name })),
  ];
  return (
    <div style={{ borderTop: '1px dashed #e3e8ef', paddingTop: 10, marginTop: 4 }} data-testid="quota-form">
      <Typography.Text strong>{t('diag.quota.set')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>{cityWide ? t('diag.quota.setHelpCity') : t('diag.quota.setHelpRegion')}</Typography.Text>
      {error ? <div style={{ marginTop: 8 }}><ErrorAlert error={error} title={t('diag.quota.failed')} /></div> : null}
      <Form<Values>
        form={form} layout="inline" style={{ marginTop: 8, rowGap: 8 }} onValuesChange={(changed: Partial<Values>) => {
          if (error) setError(null);
          if ('city' in changed) form.setFieldsValue({ regionId: cityWide ? '' : user.regionId ?? '', scope: undefined });
        }}
        initialValues={{ city: cities[0], regionId: cityWide ? '' : user.regionId ?? '', year, quota: null }}
      >
        <Form.Item name="city">
          <Select style={{ width: 100 }} disabled={!cityWide || cities.length < 2} options={(['yangzhou', 'suzhou'] as const).map((c) => ({ value: c, label: t(`city.${c}`) }))} />
        </Form.Item>
        <Form.Item name="regionId">
          <Select style={{ width: 140 }} disabled={!cityWide} options={regionOptions} data-testid="quota-region" />
        </Form.Item>
        <Form.Item name="year">
          <Select style={{ width: 90 }} options={years.map((y) => ({ value: y, label: String(y) }))} />
        </Form.Item>
        <Form.Item name="scope" rules={[{ required: true, message: t('diag.quota.scopeRequired') }]}>
          <Select style={{ width: 120 }} placeholder={t('diag.col.scope')} options={CITY_SCOPES[city].map((s) => ({ value: s, label: scopeLabel(s, t) }))} data-testid="quota-scope" />
        </Form.Item>
        <Form.Item name="quota" rules={[{ required: true, message: t('diag.quota.quotaRequired') }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 120 }} placeholder={t('diag.quota.places')} data-testid="quota-value" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="quota-save">{t('common.save')}</Button>
        </Form.Item>
      </Form>
      {current ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('diag.quota.current', { name: current.regionId ? regionName(current.regionId) : t('diag.quota.cityLevel'), quota: current.quota, used: current.used })}
        </Typography.Text>
      ) : null}
    </div>
  );
}
