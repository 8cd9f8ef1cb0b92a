// One 公示 batch: its period and contact, the applications it names (as the public notice does),
// the printable notice, and the objection register — real-name objections recorded by the city
// (anonymous ones are refused by the API) and each one resolved as 成立 or 不成立 with the reasons.
// An open objection blocks the approval of its application.
import { DateInput } from '../../components/DateInput.tsx';
import { currentErrorLang, fieldErrorText } from '../../lib/errors-i18n.ts';
import { ArrowLeftOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Radio, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api, apiUrl } from '../../api/client.ts';
import type { Objection, PublicityDetail, PublicityItem } from '../../api/applications.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useBusinessDate } from '../../lib/health.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { refreshApplications, StatusTag } from '../applications/shared.tsx';
import { BatchStatusTag } from './PublicityPage.tsx';

export default function PublicityBatchPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [recording, setRecording] = useState(false);
  const [resolving, setResolving] = useState<Objection | null>(null);
  const query = useQuery({ queryKey: ['publicity', 'batch', id], queryFn: () => api.get<PublicityDetail>(`/publicity/${encodeURIComponent(id)}`) });
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  const { batch: b, items, objections } = query.data;
  const open = items.filter((i) => i.status === 'in_publicity');

  return (
    <div className="zgsz-page" data-testid="publicity-batch">
      <div className="zgsz-page-head">
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/publicity')} aria-label={t('common.back')} />
          <Typography.Title level={4}>{b.title}</Typography.Title>
          <BatchStatusTag status={b.status} />
        </Space>
        <Button icon={<PrinterOutlined />} href={apiUrl(`/publicity/${b.id}/notice`)} target="_blank" rel="noopener noreferrer" data-testid="open-notice">{t('pub.notice')}</Button>
      </div>
      <Card size="small">
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('pub.period')}>{b.startsOn} ~ {b.endsOn}({t('apl.publicityRule', { n: b.length, unit: t(`apl.dayUnit.${b.unit}`) })})</Descriptions.Item>
          <Descriptions.Item label={t('pub.contact')}>{b.contact}</Descriptions.Item>
          <Descriptions.Item label={t('pub.createdBy')}>{b.createdBy} · {formatDateTime(b.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('pub.closedAt')}>{b.closedAt ? formatDateTime(b.closedAt) : t('pub.notClosed')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t('pub.items', { n: items.length })}>
        <Table<PublicityItem>
          rowKey="applicationId" size="small" pagination={false} dataSource={items} scroll={{ x: 1000 }} data-testid="batch-items"
          columns={[
            { title: t('apl.number'), dataIndex: 'number', width: 150, render: (v: string, i) => <Link to={`/applications/${i.applicationId}`} className="zgsz-mono">{v}</Link> },
            { title: t('apl.enterprise'), dataIndex: 'enterpriseName', render: (v: string, i) => <span>{v}<span className="zgsz-mono" style={{ display: 'block', color: '#888' }}>{i.uscc}</span></span> },
            { title: t('field.region'), dataIndex: 'regionName', width: 90 },
            { title: t('apl.measure'), dataIndex: 'measureTitle', render: (v: string, i) => <span>{v}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{i.clause}</Typography.Text></span> },
            { title: t('pub.amountText'), dataIndex: 'amountText', width: 120, align: 'right' },
            { title: t('apl.statusShort'), dataIndex: 'status', width: 90, render: (s: PublicityItem['status']) => <StatusTag status={s} /> },
          ]}
        />
      </Card>
      <Card
        size="small" style={{ marginTop: 12 }} title={t('pub.objections', { n: objections.length })} data-testid="objection-register"
        extra={open.length && b.status === 'open' ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-objection">{t('pub.recordObjection')}</Button> : null}
      >
        <Typography.Paragraph type="secondary">{t('pub.objectionHelp')}</Typography.Paragraph>
        {objections.some((o) => o.status === 'open') ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('pub.openObjectionsBlock')} /> : null}
        <Table<Objection>
          rowKey="id" size="small" pagination={false} dataSource={objections} scroll={{ x: 1100 }} locale={{ emptyText: t('pub.noObjections') }} data-testid="objection-table"
          columns={[
            { title: t('apl.number'), dataIndex: 'applicationId', width: 140, render: (v: string) => <Link to={`/applications/${v}`} className="zgsz-mono">{items.find((i) => i.applicationId === v)?.number ?? v}</Link> },
            { title: t('pub.objector'), dataIndex: 'name', width: 150, render: (v: string, o) => <span>{v}<span style={{ display: 'block', color: '#888', fontSize: 12 }}>{[o.organisation, o.phone].filter(Boolean).join(' · ')}</span></span> },
            { title: t('pub.receivedOn'), dataIndex: 'receivedOn', width: 100 },
            { title: t('pub.content'), dataIndex: 'content' },
            { title: t('pub.objectionStatus'), dataIndex: 'status', width: 90, render: (s: Objection['status']) => <Tag color={s === 'open' ? 'error' : s === 'upheld' ? 'warning' : 'default'}>{t(`pub.obj.${s}`)}</Tag> },
            { title: t('pub.resolution'), dataIndex: 'resolution', width: 220, render: (v: string | null, o) => (v ? <span>{v}<span style={{ display: 'block', color: '#888', fontSize: 12 }}>{o.resolvedBy} · {formatDateTime(o.resolvedAt)}</span></span> : '—') },
            {
              title: t('common.actions'), key: 'actions', width: 90, fixed: 'right',
              render: (_, o) => (o.status === 'open' ? <Button size="small" type="primary" ghost onClick={() => setResolving(o)} data-testid={`resolve-${o.id}`}>{t('pub.resolve')}</Button> : null),
            },
          ]}
        />
      </Card>
      <ObjectionModal items={open} startsOn={b.startsOn} endsOn={b.endsOn} open={recording} onClose={() => setRecording(false)} batchId={b.id} />
      <ResolveModal objection={resolving} onClose={() => setResolving(null)} batchId={b.id} />
    </div>
  );
}

interface ObjectionValues { applicationId: string; name: string; organisation?: string; phone: string; content: string; receivedOn: string }
const OBJECTION_FIELDS = ['name', 'organisation', 'phone', 'content', 'receivedOn'];

function ObjectionModal({ items, startsOn, endsOn, open, onClose, batchId }: { items: PublicityItem[]; startsOn: string; endsOn: string; open: boolean; onClose: () => void; batchId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { date } = useBusinessDate();
  const [form] = Form.useForm<ObjectionValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let v: ObjectionValues;
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      await api.post(`/applications/${encodeURIComponent(v.applicationId)}/objections`, {
        name: v.name.trim(), ...(v.organisation?.trim() ? { organisation: v.organisation.trim() } : {}), phone: v.phone.trim(), content: v.content.trim(), receivedOn: v.receivedOn,
      });
      message.success(t('pub.objectionRecorded'));
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['publicity', 'batch', batchId] }), refreshApplications(queryClient, v.applicationId)]);
      form.resetFields();
      onClose();
    } catch (e) {
      const field = e instanceof ApiError ? e.field : undefined;
      if (field && OBJECTION_FIELDS.includes(field)) form.setFields([{ name: field as keyof ObjectionValues, errors: [e instanceof ApiError ? fieldErrorText(e, currentErrorLang()) : errorMessage(e)] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={t('pub.recordObjection')} okText={t('pub.recordObjectionOk')} cancelText={t('common.cancel')} width={640} destroyOnHidden
      okButtonProps={{ loading: saving, ...{ 'data-testid': 'objection-ok' } }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      <div data-testid="objection-form">
        <Typography.Paragraph type="secondary">{t('pub.objectionFormHelp', { from: startsOn, to: endsOn })}</Typography.Paragraph>
        {error ? <ErrorAlert error={error} title={t('pub.objectionFailed')} /> : null}
        <Form<ObjectionValues> form={form} layout="vertical" preserve={false}
          initialValues={{ applicationId: items.length === 1 ? items[0]!.applicationId : undefined, receivedOn: date > endsOn ? endsOn : date }}>
          <Form.Item name="applicationId" label={t('pub.objectionApplication')} rules={[{ required: true, message: t('pub.objectionApplicationRequired') }]}>
            <Select options={items.map((i) => ({ value: i.applicationId, label: `${i.number} ${i.enterpriseName}(${i.measureTitle})` }))} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
            <Form.Item name="name" label={t('pub.objectorName')} rules={[{ required: true, whitespace: true, min: 2, max: 30, message: t('pub.objectorNameRule') }]}>
              <Input maxLength={30} data-testid="objection-name" />
            </Form.Item>
            </Col>
            <Col span={12}>
            <Form.Item name="phone" label={t('pub.phone')} rules={[{ required: true, pattern: /^[0-9+\-() ]{5,20}$/, message: t('pub.phoneRule') }]}>
              <Input maxLength={20} data-testid="objection-phone" />
            </Form.Item>
            </Col>
          </Row>
          <Form.Item name="organisation" label={t('pub.organisation')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="receivedOn" label={t('pub.receivedOn')} rules={[{ required: true, message: t('pub.receivedOnRequired') }]}>
            <DateInput min={startsOn} max={endsOn < date ? endsOn : date} />
          </Form.Item>
          <Form.Item name="content" label={t('pub.content')} rules={[{ required: true, whitespace: true, min: 10, max: 2000, message: t('pub.contentRule') }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="objection-content" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function ResolveModal({ objection, onClose, batchId }: { objection: Objection | null; onClose: () => void; batchId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ decision: 'upheld' | 'dismissed'; resolution: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!objection) return;
    let v: { decision: 'upheld' | 'dismissed'; resolution: string };
    try { v = await form.validateFields(); } catch { return; }
    setSaving(true);
    setError(null);
    try {
      await api.post(`/objections/${encodeURIComponent(objection.id)}/resolve`, { decision: v.decision, resolution: v.resolution.trim() });
      message.success(t('pub.resolved'));
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['publicity', 'batch', batchId] }), refreshApplications(queryClient, objection.applicationId)]);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={!!objection} title={t('pub.resolveTitle')} okText={t('pub.resolve')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ loading: saving }} onCancel={() => { setError(null); onClose(); }} onOk={() => void submit()}>
      {objection ? <Alert type="info" style={{ marginBottom: 12 }} title={`${objection.name}(${objection.receivedOn})`} description={objection.content} /> : null}
      {error ? <ErrorAlert error={error} title={t('act.failed')} /> : null}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ decision: 'dismissed' }}>
        <Form.Item name="decision" label={t('pub.decision')}>
          <Radio.Group options={[{ value: 'dismissed', label: t('pub.obj.dismissed') }, { value: 'upheld', label: t('pub.obj.upheld') }]} />
        </Form.Item>
        <Form.Item name="resolution" label={t('pub.resolution')} extra={t('pub.resolutionHelp')} rules={[{ required: true, whitespace: true, min: 4, max: 1000, message: t('pub.resolutionRule') }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
