// 派单: the API's suggestion (GET …/candidates — pooled providers and supervisors of the city with
// their load against capacity, industry match, satisfaction, and why one may not be chosen), one of
// each picked, the reason written down, the deadline and whose quota pays. A region dispatches on
// its own quota only; the city on either. The quota left for this scope is shown beside it.
import { DateInput } from '../../components/DateInput.tsx';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Descriptions, Form, Input, Modal, Progress, Radio, Row, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { percentOf } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-diagnoses.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { addDays, type Candidate, type Diagnosis, type Funding, type Quota, scopeLabel, useDiagnosisWrite } from './shared.tsx';

interface Values { reason: string; dueOn: string; funding: Funding }

export function DispatchModal({ diagnosis: d, funding, open, onClose }: {
  diagnosis: Diagnosis; funding: Funding; open: boolean; onClose: () => void;
}) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { date } = useBusinessDate();
  const { name: regionName } = useRegions();
  const [form] = Form.useForm<Values>();
  const chosenFunding = Form.useWatch('funding', form) ?? funding;
  const { error, setError, busy, run } = useDiagnosisWrite(d.id);
  const [picked, setPicked] = useState<{ provider?: string; supervisor?: string }>({});
  const [missing, setMissing] = useState(false);
  const candidates = useQuery({
    queryKey: ['diagnoses', 'candidates', d.id], enabled: open,
    queryFn: () => api.get<{ providers: Candidate[]; supervisors: Candidate[] }>(`/diagnoses/${encodeURIComponent(d.id)}/candidates`),
  });
  const quotas = useQuery({
    queryKey: ['diagnoses', 'quotas', d.year, d.city], enabled: open,
    queryFn: () => api.get<Quota[]>('/diagnoses/quotas', { year: d.year, city: d.city }),
  });
  const firstEligible = (xs: Candidate[] | undefined) => xs?.find((c) => c.eligible)?.id;
  const providerId = picked.provider ?? firstEligible(candidates.data?.providers);
  const supervisorId = picked.supervisor ?? firstEligible(candidates.data?.supervisors);
  const cityWide = user.role === 'city_admin';

  const submit = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    if (!providerId || !supervisorId) { setMissing(true); return; }
    const ok = await run(() => api.post(`/diagnoses/${encodeURIComponent(d.id)}/dispatch`, {
      version: d.version, providerId, supervisorId, reason: v.reason.trim(), dueOn: v.dueOn, funding: v.funding,
    }), t('diag.dispatch.done', { number: d.number }));
    if (ok) { setPicked({}); onClose(); }
  };

  const quotaRows = (quotas.data ?? []).filter((q) => q.scope === d.scope && (q.regionId === null || q.regionId === d.regionId));
  const quotaFor = (f: Funding) => quotaRows.find((q) => (f === 'city' ? q.regionId === null : q.regionId === d.regionId));
  const q = quotaFor(chosenFunding);

  return (
    <Modal
      open={open} title={t('diag.dispatch.title', { number: d.number })} width={980} okText={t('diag.dispatch.ok')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'dispatch-ok' } }} onCancel={() => { setError(null); setPicked({}); onClose(); }} onOk={() => void submit()}
    >
      <div data-testid="dispatch-modal">
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('diag.col.enterprise')}>{d.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('diag.field.region')}>{regionName(d.regionId)}</Descriptions.Item>
          <Descriptions.Item label={t('diag.col.scope')}>{scopeLabel(d.scope, t)}</Descriptions.Item>
          <Descriptions.Item label={t('diag.field.need')} span={3}>{d.need}</Descriptions.Item>
        </Descriptions>
        {candidates.isError ? <ErrorAlert error={candidates.error} onRetry={() => void candidates.refetch()} /> : null}
        <Typography.Text strong>{t('diag.dispatch.providers')}</Typography.Text>
        <CandidateTable rows={candidates.data?.providers} loading={candidates.isPending} selected={providerId} onSelect={(id) => { setPicked((p) => ({ ...p, provider: id })); setMissing(false); }} kind="provider" />
        <Typography.Text strong>{t('diag.dispatch.supervisors')}</Typography.Text>
        <CandidateTable rows={candidates.data?.supervisors} loading={candidates.isPending} selected={supervisorId} onSelect={(id) => { setPicked((p) => ({ ...p, supervisor: id })); setMissing(false); }} kind="supervisor" />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('diag.dispatch.rankHelp')}</Typography.Paragraph>
        {missing ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('diag.dispatch.pickBoth')} /> : null}
        {error ? <ErrorAlert error={error} title={t('diag.dispatch.failed')} /> : null}
        <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ reason: '', dueOn: addDays(date, 90), funding }} onValuesChange={() => { if (error) setError(null); }}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="funding" label={t('diag.field.funding')} extra={cityWide ? t('diag.dispatch.fundingHelpCity') : t('diag.dispatch.fundingHelpRegion')}>
                <Radio.Group disabled={!cityWide} options={[{ value: 'city', label: t('diag.funding.city') }, { value: 'county', label: t('diag.funding.county') }]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('diag.dispatch.quotaLeft')}>
                {q ? (
                  <div data-testid="dispatch-quota">
                    <Progress percent={percentOf(q.used, q.quota)} size="small" status={q.remaining <= 0 ? 'exception' : 'normal'} format={() => `${q.used}/${q.quota}`} />
                    <Typography.Text type={q.remaining <= 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>{t('diag.quota.remaining', { n: q.remaining })}</Typography.Text>
                  </div>
                ) : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{chosenFunding === 'city' ? t('diag.dispatch.noCityQuota') : t('diag.dispatch.noRegionQuota')}</Typography.Text>}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="dueOn" label={t('diag.field.dueOn')} rules={[{ required: true, message: t('diag.dispatch.dueRequired') }, {
                validator: (_, v?: string) => (!v || v > date ? Promise.resolve() : Promise.reject(new Error(t('diag.dispatch.dueAfterToday', { date })))),
              }]}>
                <DateInput min={addDays(date, 1)} testId="dispatch-due" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="reason" label={t('diag.dispatch.reason')} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('diag.reasonRule') }]}>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('diag.dispatch.reasonPlaceholder')} data-testid="dispatch-reason" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function CandidateTable({ rows, loading, selected, onSelect, kind }: {
  rows: Candidate[] | undefined; loading: boolean; selected: string | undefined; onSelect: (id: string) => void; kind: 'provider' | 'supervisor';
}) {
  const { t } = useI18n();
  const columns: ColumnsType<Candidate> = [
    { title: t('diag.cand.name'), dataIndex: 'name', render: (v: string, c) => <span>{v}<Typography.Text type="secondary" className="zgsz-mono" style={{ display: 'block', fontSize: 11 }}>{c.uscc}</Typography.Text></span> },
    { title: t('diag.cand.standing'), dataIndex: 'standingLabel', width: 90, render: (v: string, c) => <Tag color={c.standing === 'good' ? 'success' : 'warning'}>{c.standing === 'good' ? t('diag.cand.good') : v}</Tag> },
    {
      title: t('diag.cand.load'), key: 'load', width: 150,
      render: (_, c) => <Progress percent={percentOf(c.load, c.capacity)} size="small" status={c.load >= c.capacity ? 'exception' : 'normal'} format={() => `${c.load}/${c.capacity}`} />,
    },
    ...(kind === 'provider' ? [{
      title: t('diag.cand.industry'), dataIndex: 'industryMatch', width: 90,
      render: (v: boolean) => (v ? <Tag color="green">{t('diag.cand.match')}</Tag> : <Tag>{t('diag.cand.noMatch')}</Tag>),
    }] : []),
    { title: t('diag.cand.satisfaction'), dataIndex: 'satisfaction', width: 80, align: 'right', render: (v: string | null) => (v ? `${v} / 5` : '—') },
    {
      title: t('diag.cand.eligible'), key: 'eligible', width: 220,
      render: (_, c) => (c.eligible ? <Tag color="success">{t('diag.cand.yes')}</Tag> : (
        <span><Tag color="error">{t('diag.cand.no')}</Tag><Typography.Text type="danger" style={{ fontSize: 12 }}>{c.reasons.join(';')}</Typography.Text></span>
      )),
    },
  ];
  return (
    <Table<Candidate>
      size="small" rowKey="id" pagination={false} loading={loading} dataSource={rows ?? []} columns={columns} style={{ margin: '6px 0 12px' }}
      data-testid={`candidates-${kind}`} scroll={{ x: 800 }}
      locale={{ emptyText: t(kind === 'provider' ? 'diag.cand.noProviders' : 'diag.cand.noSupervisors') }}
      rowSelection={{
        type: 'radio', selectedRowKeys: selected ? [selected] : [], onChange: (keys) => { if (keys[0]) onSelect(String(keys[0])); },
        getCheckboxProps: (c) => ({ disabled: !c.eligible }),
      }}
      onRow={(c) => ({ onClick: () => { if (c.eligible) onSelect(c.id); }, style: { cursor: c.eligible ? 'pointer' : 'not-allowed' } })}
    />
  );
}
