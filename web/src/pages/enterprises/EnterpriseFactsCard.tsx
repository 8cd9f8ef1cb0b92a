// 年度事实: the engine facts an enterprise's file holds per year beyond its basic fields (投资额,
// 平台, 首台套 …), each with its evidence. Officers of its region and the city record and correct
// them; the enterprise reads its own. Values are checked by the API against the fact dictionary.
import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { deleteEnterpriseFact, type EnterpriseFact, enterpriseFacts, recordEnterpriseFact } from '../../api/file-match.ts';
import type { Enterprise, FactDef } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { fenToDecimal, formatDateTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-file-match.ts';
import { useSignedIn } from '../../lib/session.tsx';

/**
 * Decided by the file's legal form, certifications and the platform's diagnoses, never recorded here
 * (FACTS_FROM_FILE in src/domain/enterprise/file-entitlements.ts; the API refuses them too).
 */
const FROM_FILE = new Set(['applicant_type', 'independent_legal_person', 'iim_certificate', 'cloud_star_level', 'recognitions',
  'diagnosis_chain', 'diagnosis_factory', 'diagnosis_workshop', 'diagnosis_supervised']);

type Values = { year: number; fact: string; value: unknown; evidence: string };

/** Stored form → form field values (money in 元 as typed). */
function toForm(def: FactDef | undefined, v: unknown): unknown {
  if (!def) return v;
  if (def.type === 'money' && typeof v === 'number') return fenToDecimal(v, '元');
  if (def.type === 'collection' && Array.isArray(v)) {
    return v.map((item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).map(([k, x]) => [k, toForm(def.fields?.find((f) => f.name === k), x)])));
  }
  return v;
}

function ValueInput({ def, name, t }: { def: FactDef; name: (string | number)[]; t: ReturnType<typeof useI18n>['t'] }) {
  const rules = [{ required: true, message: t('ef.required') }];
  switch (def.type) {
    case 'money':
      return <Form.Item name={name} label={def.label} rules={rules} extra={t('ef.moneyHint')}><Input suffix="元" data-testid={`ef-value-${def.name}`} /></Form.Item>;
    case 'count':
    case 'level':
      return <Form.Item name={name} label={def.label} rules={rules}><InputNumber min={def.min ?? 0} max={def.max} precision={0} addonAfter={def.unit} style={{ width: 200 }} /></Form.Item>;
    case 'boolean':
      return <Form.Item name={name} label={def.label} rules={rules}><Select style={{ width: 200 }} options={[{ value: true, label: t('ef.yes') }, { value: false, label: t('ef.no') }]} /></Form.Item>;
    case 'enum':
      return <Form.Item name={name} label={def.label} rules={rules}><Select options={Object.entries(def.values ?? {}).map(([value, label]) => ({ value, label }))} data-testid={`ef-value-${def.name}`} /></Form.Item>;
    case 'codes':
      return <Form.Item name={name} label={def.label} rules={rules}><Select mode="multiple" options={Object.entries(def.values ?? {}).map(([value, label]) => ({ value, label }))} /></Form.Item>;
    case 'collection':
      return (
        <Form.List name={name} initialValue={[{}]}>
          {(items, { add, remove }) => (
            <>
              {items.map((item, i) => (
                <Card key={item.key} size="small" style={{ marginBottom: 8 }} title={`${def.itemLabel ?? def.label} · ${t('ef.item', { n: i + 1 })}`}
                  extra={items.length > 1 ? <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(item.name)} aria-label={t('ef.delete')} /> : null}>
                  {(def.fields ?? []).map((f, j) => (
                    j === 0 ? <ValueInput key={f.name} def={f} name={[item.name, f.name]} t={t} /> : <OptionalInput key={f.name} def={f} name={[item.name, f.name]} t={t} />
                  ))}
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>{t('ef.addItem')}</Button>
            </>
          )}
        </Form.List>
      );
  }
}

/** An item's further fields may be gated (项目贷款额 only with a loan), so they may stay empty. */
function OptionalInput({ def, name, t }: { def: FactDef; name: (string | number)[]; t: ReturnType<typeof useI18n>['t'] }) {
  if (def.type === 'money') return <Form.Item name={name} label={def.label} extra={t('ef.moneyHint')}><Input suffix="元" allowClear /></Form.Item>;
  if (def.type === 'boolean') return <Form.Item name={name} label={def.label}><Select allowClear style={{ width: 200 }} options={[{ value: true, label: t('ef.yes') }, { value: false, label: t('ef.no') }]} /></Form.Item>;
  if (def.type === 'enum') return <Form.Item name={name} label={def.label}><Select allowClear options={Object.entries(def.values ?? {}).map(([value, label]) => ({ value, label }))} /></Form.Item>;
  return <Form.Item name={name} label={def.label}><InputNumber min={def.min ?? 0} max={def.max} precision={0} /></Form.Item>;
}

export function EnterpriseFactsCard({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['enterprise', enterprise.id, 'facts'];
  const list = useQuery({ queryKey: key, queryFn: () => enterpriseFacts(enterprise.id) });
  const dictionary = useQuery({ queryKey: ['fact-schema'], queryFn: () => api.get<{ facts: FactDef[] }>('/policies/facts'), staleTime: Infinity });
  const defs = useMemo(() => new Map((dictionary.data?.facts ?? []).map((f) => [f.name, f])), [dictionary.data]);
  const mayRecord = can(user.role, 'enterprises.facts.record');
  const [editing, setEditing] = useState<EnterpriseFact | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const factName = Form.useWatch('fact', form);
  const def = factName ? defs.get(factName) : undefined;

  const save = useMutation({
    mutationFn: (v: Values) => recordEnterpriseFact(enterprise.id, { ...v, ...(editing && editing !== 'new' ? { version: editing.version } : {}) }),
    onSuccess: () => { void message.success(t('ef.saved')); setEditing(null); void queryClient.invalidateQueries({ queryKey: key }); },
  });
  const remove = useMutation({
    mutationFn: (f: EnterpriseFact) => deleteEnterpriseFact(enterprise.id, f),
    onSuccess: () => { void message.success(t('ef.deleted')); void queryClient.invalidateQueries({ queryKey: key }); },
  });

  const open = (f: EnterpriseFact | 'new') => {
    save.reset();
    setEditing(f);
    form.resetFields();
    if (f === 'new') form.setFieldsValue({ year: new Date().getFullYear() });
    else form.setFieldsValue({ year: f.year, fact: f.fact, evidence: f.evidence, value: toForm(defs.get(f.fact), f.value) });
  };

  const columns: ColumnsType<EnterpriseFact> = [
    { title: t('ef.year'), dataIndex: 'year', width: 70 },
    { title: t('ef.fact'), dataIndex: 'label', width: 200 },
    { title: t('ef.value'), dataIndex: 'display' },
    { title: t('ef.evidence'), dataIndex: 'evidence', width: 240 },
    { title: t('ef.recordedBy'), key: 'by', width: 170, render: (_, f) => <Space orientation="vertical" size={0}><span>{f.recordedByName}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(f.recordedAt)}</Typography.Text></Space> },
    ...(mayRecord ? [{
      title: '', key: 'actions', width: 110,
      render: (_: unknown, f: EnterpriseFact) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => open(f)} aria-label={t('ef.edit')} data-testid={`ef-edit-${f.fact}`} />
          <Popconfirm title={t('ef.deleteConfirm')} onConfirm={() => remove.mutate(f)}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('ef.delete')} />
          </Popconfirm>
        </Space>
      ),
    }] : []),
  ];

  return (
    <Card size="small" title={t('ef.title')} data-testid="enterprise-facts"
      extra={mayRecord ? <Button size="small" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="ef-add">{t('ef.add')}</Button> : null}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12.5 }}>{t('ef.intro')}</Typography.Paragraph>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => { void list.refetch(); }} /> : null}
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
      <Table<EnterpriseFact> rowKey="id" size="small" loading={list.isPending} dataSource={list.data ?? []} columns={columns}
        locale={{ emptyText: t('ef.empty') }} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
      <Modal open={editing !== null} title={editing === 'new' ? t('ef.add') : t('ef.edit')} onCancel={() => setEditing(null)} width={640}
        onOk={() => { void form.validateFields().then((v) => save.mutate(v)); }} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'ef-save' } as Record<string, string>} destroyOnHidden>
        <Form form={form} layout="vertical" requiredMark={false}>
          <Space size={12} align="start" style={{ width: '100%' }}>
            <Form.Item name="year" label={t('ef.year')} rules={[{ required: true, message: t('ef.required') }]}>
              <InputNumber min={2000} max={2100} precision={0} disabled={editing !== 'new'} data-testid="ef-year" />
            </Form.Item>
            <Form.Item name="fact" label={t('ef.fact')} rules={[{ required: true, message: t('ef.required') }]} style={{ minWidth: 380 }}>
              <Select showSearch optionFilterProp="label" disabled={editing !== 'new'} data-testid="ef-fact" onChange={() => form.setFieldValue('value', undefined)}
                options={(dictionary.data?.facts ?? []).filter((f) => !FROM_FILE.has(f.name)).map((f) => ({ value: f.name, label: f.label }))} />
            </Form.Item>
          </Space>
          {def ? <ValueInput key={def.name} def={def} name={['value']} t={t} /> : null}
          <Form.Item name="evidence" label={t('ef.evidence')} rules={[{ required: true, min: 2, message: t('ef.evidenceHint') }]}>
            <Input.TextArea rows={2} maxLength={500} placeholder={t('ef.evidenceHint')} data-testid="ef-evidence" />
          </Form.Item>
        </Form>
        {save.isError ? <ErrorAlert error={save.error} /> : null}
      </Modal>
    </Card>
  );
}
