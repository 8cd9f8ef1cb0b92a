// 公示 (city admin): the applications that passed the reviews before 公示 (in review, current step
// of kind 'publicity'), chosen and published as one batch with its title and the contact for
// objections; and the batches published, each opening its detail and its printable notice.
import { NotificationOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Radio, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, apiUrl } from '../../api/client.ts';
import { type Application, CITY_POLICY_NAME, type PublicityBatch } from '../../api/applications.ts';
import type { Page } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { entitlementText } from '../../lib/entitlement.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useRegions } from '../../lib/regions.ts';
import { refreshApplications, useCurrentSteps } from '../applications/shared.tsx';

type City = 'yangzhou' | 'suzhou';

export function BatchStatusTag({ status }: { status: PublicityBatch['status'] }) {
  const { t } = useI18n();
  return <Tag color={status === 'open' ? 'purple' : 'default'}>{t(`pub.status.${status}`)}</Tag>;
}

export default function PublicityPage() {
  const { t } = useI18n();
  const [city, setCity] = useState<City>('yangzhou');
  return (
    <div className="zgsz-page" data-testid="publicity-page">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('pub.title')}</Typography.Title>
        <Radio.Group value={city} onChange={(e) => setCity(e.target.value as City)} optionType="button" buttonStyle="solid" data-testid="publicity-city"
          options={[{ value: 'yangzhou', label: t('city.yangzhou') }, { value: 'suzhou', label: t('city.suzhou') }]} />
      </div>
      <Candidates city={city} />
      <Batches city={city} />
    </div>
  );
}

function Candidates({ city }: { city: City }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { name: regionName } = useRegions();
  const { date } = useBusinessDate();
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ title: string; contact: string }>();
  const query = useQuery({
    queryKey: ['applications', 'todo', 'publicity-candidates'],
    queryFn: () => api.get<Page<Application>>('/applications', { status: 'in_review', todo: 'true', pageSize: 100 }),
  });
  const { steps, loading } = useCurrentSteps(query.data?.items);
  // The contact of the city's last batch is the usual one.
  const batches = useQuery({ queryKey: ['publicity', 'batches', city], queryFn: () => api.get<PublicityBatch[]>('/publicity', { city }) });
  const lastContact = batches.data?.[0]?.contact ?? '';
  const rows = (query.data?.items ?? []).filter((a) => a.city === city && steps.get(a.id)?.kind === 'publicity');
  const chosen = selected.filter((id) => rows.some((r) => r.id === id));

  const publish = async () => {
    let v: { title: string; contact: string };
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      const batch = await api.post<PublicityBatch>('/publicity', { title: v.title.trim(), applicationIds: chosen, contact: v.contact.trim() });
      message.success(t('pub.published', { from: batch.startsOn, to: batch.endsOn }));
      setSelected([]);
      await refreshApplications(queryClient);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<Application> = [
    { title: t('apl.number'), dataIndex: 'number', width: 150, render: (v: string, a) => <Link to={`/applications/${a.id}`} className="zgsz-mono">{v}</Link> },
    { title: t('apl.enterprise'), dataIndex: 'enterpriseName', render: (v: string | null, a) => <span>{v}<span className="zgsz-mono" style={{ display: 'block', color: '#888' }}>{a.uscc}</span></span> },
    { title: t('field.region'), dataIndex: 'regionId', width: 90, render: (v: string) => regionName(v) },
    { title: t('apl.measure'), dataIndex: 'measureTitle', render: (v: string, a) => <span>{v}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{a.clause}</Typography.Text></span> },
    { title: t('apl.estimate'), key: 'estimate', width: 140, align: 'right', render: (_, a) => <span className="zgsz-amount">{entitlementText({ min: a.minFen, max: a.maxFen }, lang)}</span> },
    { title: t('pub.reviewedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Card size="small" title={t('pub.candidates', { n: rows.length })} data-testid="publicity-candidates"
      extra={<Button size="small" icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching || loading}>{t('common.refresh')}</Button>}>
      <Typography.Paragraph type="secondary">{t('pub.candidatesHelp')}</Typography.Paragraph>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table<Application>
        rowKey="id" size="small" columns={columns} dataSource={rows} loading={query.isPending || loading} pagination={false} scroll={{ x: 1000 }}
        rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setSelected(keys as string[]) }} data-testid="candidate-table"
        locale={{ emptyText: t('pub.noCandidates') }}
      />
      <Form form={form} layout="vertical" style={{ marginTop: 12 }}
        initialValues={{ title: `${date.slice(0, 4)}年${CITY_POLICY_NAME[city]}智改数转专项资金拟支持项目公示`, contact: lastContact }}
        key={`${city}-${lastContact}`} onValuesChange={() => { if (error) setError(null); }}>
        <Row gutter={12}>
          <Col xs={24} lg={12}>
            <Form.Item name="title" label={t('pub.batchTitle')} rules={[{ required: true, whitespace: true, min: 4, max: 100, message: t('pub.titleRule') }]}>
              <Input maxLength={100} data-testid="publicity-title" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="contact" label={t('pub.contact')} extra={t('pub.contactHelp')} rules={[{ required: true, whitespace: true, min: 4, max: 100, message: t('pub.contactRule') }]}>
              <Input maxLength={100} placeholder={t('pub.contactPlaceholder')} data-testid="publicity-contact" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error ? <ErrorAlert error={error} title={t('pub.publishFailed')} /> : null}
      <Space>
        <Popconfirm title={t('pub.publishPrompt', { n: chosen.length })} okText={t('pub.publish')} cancelText={t('common.cancel')} disabled={!chosen.length}
          onConfirm={() => void publish()} okButtonProps={{ ...{ 'data-testid': 'publish-confirm' } }}>
          <Button type="primary" icon={<NotificationOutlined />} disabled={!chosen.length} loading={saving} data-testid="publish">{t('pub.publishN', { n: chosen.length })}</Button>
        </Popconfirm>
        <Typography.Text type="secondary">{t('pub.publishHelp')}</Typography.Text>
      </Space>
    </Card>
  );
}

function Batches({ city }: { city: City }) {
  const { t } = useI18n();
  const query = useQuery({ queryKey: ['publicity', 'batches', city], queryFn: () => api.get<PublicityBatch[]>('/publicity', { city }) });
  const columns: ColumnsType<PublicityBatch> = [
    { title: t('pub.batchTitle'), dataIndex: 'title', render: (v: string, b) => <Link to={`/publicity/${b.id}`} data-testid={`batch-${b.id}`}>{v}</Link> },
    { title: t('pub.period'), key: 'period', width: 230, render: (_, b) => <span>{b.startsOn} ~ {b.endsOn}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('apl.publicityRule', { n: b.length, unit: t(`apl.dayUnit.${b.unit}`) })}</Typography.Text></span> },
    { title: t('pub.status'), dataIndex: 'status', width: 80, render: (s: PublicityBatch['status']) => <BatchStatusTag status={s} /> },
    { title: t('pub.contact'), dataIndex: 'contact', width: 260 },
    { title: t('pub.createdBy'), dataIndex: 'createdBy', width: 150, render: (v: string, b) => <span>{v}<span style={{ display: 'block', color: '#888', fontSize: 12 }}>{formatDateTime(b.createdAt)}</span></span> },
    {
      title: t('common.actions'), key: 'actions', width: 150,
      render: (_, b) => (
        <Space size={8}>
          <Link to={`/publicity/${b.id}`}>{t('pub.register')}</Link>
          <a href={apiUrl(`/publicity/${b.id}/notice`)} target="_blank" rel="noopener noreferrer"><PrinterOutlined /> {t('pub.noticeShort')}</a>
        </Space>
      ),
    },
  ];
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('pub.batches')} data-testid="publicity-batches">
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data?.some((b) => b.status === 'open') ? <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('pub.openNote')} /> : null}
      <Table<PublicityBatch>
        rowKey="id" size="small" columns={columns} dataSource={query.data ?? []} loading={query.isPending} scroll={{ x: 1100 }} data-testid="batch-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: formatCount(n) }) }}
      />
    </Card>
  );
}
