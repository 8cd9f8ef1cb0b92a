// The applicant-facts form shared by the 政策兑现 calculator and the 两市对比 view: one control per
// fact of the dictionary (GET /policies/facts), grouped, with the projects and products as lists.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Collapse, Form, type FormInstance, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { type ReactNode, useMemo } from 'react';
import { ApiError } from '../../api/client.ts';
import type { FactDef, PolicySummary } from '../../api/types.ts';
import { unitLabel } from '../../components/MoneyInput.tsx';
import { currentErrorLang, fieldErrorText } from '../../lib/errors-i18n.ts';
import { localizeFacts } from '../../lib/i18n-facts.ts';
import { type MessageKey, type Translate, useI18n } from '../../lib/i18n.tsx';

type MoneyValue = { amount?: string | null; unit: '元' | '万元' };
export type FormValues = { facts: Record<string, unknown> };

const GROUPS: { key: MessageKey; test: (name: string) => boolean }[] = [
  { key: 'pol.group.applicant', test: (n) => n === 'applicant_type' || n === 'independent_legal_person' },
  { key: 'pol.group.projects', test: (n) => n === 'projects' },
  { key: 'pol.group.recognitions', test: (n) => ['recognitions', 'iim_certificate', 'cloud_star_level', 'flexible_talents'].includes(n) },
  { key: 'pol.group.platform', test: (n) => n.startsWith('platform_') },
  { key: 'pol.group.diagnosis', test: (n) => n.startsWith('diagnosis_') },
  { key: 'pol.group.products', test: (n) => n === 'products' || n === 'software' },
  { key: 'pol.group.identifier', test: (n) => n.startsWith('secondary_node_') || n.startsWith('identifier_') },
  { key: 'pol.group.security', test: (n) => n.startsWith('security_') },
  { key: 'pol.group.park', test: (n) => n.startsWith('park_') },
];

export const INITIAL: FormValues = { facts: { applicant_type: 'enterprise', independent_legal_person: true, projects: [{ annual_investment: { unit: '万元' } }] } };

/** API field `facts.projects[0].annual_investment` → form name ['facts', 'projects', 0, 'annual_investment']. */
export function namePathOf(field: string | undefined): NamePath | null {
  if (!field?.startsWith('facts.')) return null;
  return field.replace(/\[(\d+)\]/g, '.$1').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * The dictionary narrowed to what one text reads (PolicySummary.facts): its facts, the collection
 * fields it reads, the recognition codes it asks for. The whole dictionary when the list is absent.
 */
export function factsReadBy(defs: FactDef[], read: PolicySummary['facts']): FactDef[] {
  if (!read) return defs;
  const byName = new Map(read.map((r) => [r.name, r]));
  return defs.flatMap((def) => {
    const r = byName.get(def.name);
    if (!r) return [];
    return [{
      ...def,
      ...(def.fields && r.fields && { fields: def.fields.filter((f) => r.fields!.includes(f.name)) }),
      ...(def.values && r.codes && { values: Object.fromEntries(Object.entries(def.values).filter(([code]) => r.codes!.includes(code))) }),
    }];
  });
}

export function toFacts(defs: FactDef[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    const v = values?.[def.name];
    if (v === undefined || v === null || v === '') continue;
    if (def.type === 'money') {
      const m = v as MoneyValue;
      if (m.amount !== undefined && m.amount !== null && m.amount !== '') out[def.name] = `${m.amount}${m.unit}`;
    } else if (def.type === 'collection') {
      out[def.name] = (v as Record<string, unknown>[]).map((item) => toFacts(def.fields ?? [], item));
    } else if (def.type === 'codes') {
      // A code picked under another text stays in the form but is not this text's question.
      const codes = (v as string[]).filter((c) => !def.values || c in def.values);
      if (codes.length) out[def.name] = codes;
    } else {
      out[def.name] = v;
    }
  }
  return out;
}

function MoneyInput({ value, onChange, id }: { value?: MoneyValue; onChange?: (v: MoneyValue) => void; id?: string }) {
  const { lang } = useI18n();
  const unit = value?.unit ?? '万元';
  return (
    <Space.Compact style={{ width: '100%' }}>
      <InputNumber<string> id={id} stringMode min="0" style={{ width: '100%' }} value={value?.amount ?? null}
        onChange={(a) => onChange?.({ amount: a, unit })} />
      <Select value={unit} style={{ width: lang === 'zh' ? 84 : 116 }} onChange={(u: '元' | '万元') => onChange?.({ amount: value?.amount ?? null, unit: u })}
        options={[{ value: '万元', label: unitLabel('万元', lang) }, { value: '元', label: unitLabel('元', lang) }]} />
    </Space.Compact>
  );
}

/** The control for one fact (a plain function: Form.Item passes value/onChange to the element it returns). */
function factControl(def: FactDef, t: Translate): ReactNode {
  const unit = def.unit && def.type !== 'money' ? def.unit : undefined;
  switch (def.type) {
    case 'enum': return <Select allowClear options={Object.entries(def.values ?? {}).map(([value, label]) => ({ value, label }))} />;
    case 'codes': return <Select mode="multiple" allowClear options={Object.entries(def.values ?? {}).map(([value, label]) => ({ value, label }))} />;
    case 'boolean': return <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />;
    case 'money': return <MoneyInput />;
    case 'level': return <InputNumber min={def.min} max={def.max} precision={0} suffix={unit} style={{ width: '100%' }} />;
    default: return <InputNumber min={0} precision={0} suffix={unit} style={{ width: '100%' }} />;
  }
}

function FactField({ def, name }: { def: FactDef; name: (string | number)[] }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={def.label} tooltip={def.description} valuePropName={def.type === 'boolean' ? 'checked' : 'value'}>
      {factControl(def, t)}
    </Form.Item>
  );
}

function CollectionField({ def }: { def: FactDef }) {
  const { t } = useI18n();
  const item = def.itemLabel ?? t('pol.itemFallback');
  return (
    <Form.List name={['facts', def.name]}>
      {(fields, { add, remove }) => (
        <div className="zgsz-collection">
          {fields.map((f, i) => (
            <Card key={f.key} size="small" type="inner" style={{ marginBottom: 8 }}
              title={t('pol.itemTitle', { label: def.label, item, n: i + 1 })}
              extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('ent.removeCert')} />}>
              <Row gutter={12}>
                {(def.fields ?? []).map((sub) => (
                  <Col xs={24} md={12} key={sub.name}><FactField def={sub} name={[f.name, sub.name]} /></Col>
                ))}
              </Row>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add(Object.fromEntries((def.fields ?? []).filter((s) => s.type === 'money').map((s) => [s.name, { unit: '万元' }])))}>
            {t('pol.addItem', { item })}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** Shows an API error that names a fact at that fact's field; true when it did. */
export function showFieldError(form: FormInstance<FormValues>, e: unknown): boolean {
  const name = e instanceof ApiError ? namePathOf(e.field) : null;
  if (!name || !(e instanceof ApiError)) return false;
  form.setFields([{ name, errors: [fieldErrorText(e, currentErrorLang())] }]);
  form.scrollToField(name);
  return true;
}

export interface FactsFormProps {
  form: FormInstance<FormValues>;
  facts: FactDef[];
  onFinish: (values: FormValues) => void;
  onReset: () => void;
  loading: boolean;
  /** The submit button's label, icon and test id. */
  submit: { label: string; icon: ReactNode; testId: string };
}

/** The facts card: grouped controls generated from the dictionary, with reset and submit. */
export function FactsForm({ form, facts: dictionary, onFinish, onReset, loading, submit }: FactsFormProps) {
  const { t, lang } = useI18n();
  const facts = useMemo(() => localizeFacts(dictionary, lang), [dictionary, lang]);
  const groups = useMemo(() => {
    const used = new Set<string>();
    const list = GROUPS.map((g) => {
      const defs = facts.filter((f) => !used.has(f.name) && g.test(f.name));
      defs.forEach((f) => used.add(f.name));
      return { key: g.key, defs };
    }).filter((g) => g.defs.length);
    const rest = facts.filter((f) => !used.has(f.name));
    if (rest.length) list.push({ key: 'pol.group.other', defs: rest });
    return list;
  }, [facts]);

  return (
    <Form<FormValues>
      form={form} layout="vertical" initialValues={INITIAL} style={{ marginTop: 12 }}
      // A field the server refused keeps its message until the next evaluation: clear them all then,
      // so a corrected value is not shown under the old refusal beside a computed result.
      onFinish={(values) => {
        form.setFields(form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name, errors: [] })));
        onFinish(values);
      }}
    >
      <Card size="small" title={t('pol.facts')} extra={<Typography.Text type="secondary">{t('pol.factsHint')}</Typography.Text>}>
        <Collapse
          size="small" defaultActiveKey={['pol.group.applicant', 'pol.group.projects', 'pol.group.recognitions']}
          items={groups.map((g) => ({
            key: g.key, label: t(g.key), forceRender: true,
            children: (
              <Row gutter={16}>
                {g.defs.map((def) => (def.type === 'collection'
                  ? <Col xs={24} key={def.name}><CollectionField def={def} /></Col>
                  : <Col xs={24} md={12} xl={8} key={def.name}><FactField def={def} name={['facts', def.name]} /></Col>))}
              </Row>
            ),
          }))}
        />
        <div style={{ marginTop: 12, textAlign: 'right' }}>
          <Space>
            <Button onClick={() => { form.resetFields(); onReset(); }}>{t('common.reset')}</Button>
            <Button type="primary" htmlType="submit" icon={submit.icon} loading={loading} data-testid={submit.testId}>{submit.label}</Button>
          </Space>
        </div>
      </Card>
    </Form>
  );
}
