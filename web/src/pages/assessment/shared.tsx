// Pieces the assessment console's tabs share: the names of the records' kinds in the reader's
// language, the evidence editor every recording form uses (核查内容: 附件2 附则(一)), API errors put
// next to the fields they name, and the region an entry is for.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.ts';
import type { Category, CountCategory, Evidence, EvidenceKind, TargetRow } from '../../api/assessment.ts';
import { errorMessage } from '../../components/ErrorAlert.tsx';
import { type MessageKey, type Translate, useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-assessment.ts';

/** Every evidence kind the API accepts (src/domain/scoring/record-input.ts EVIDENCE_KINDS). */
export const EVIDENCE_KINDS = [
  'subsidy-voucher', 'star-cloud-certificate', 'cooperation-agreement', 'purchase-contract', 'diagnosis-report', 'recognition-document',
  'coverage-summary', 'document', 'news', 'media', 'approval', 'notice', 'other',
] as const satisfies readonly EvidenceKind[];

/**
 * 附件2 附则(一)1 核查内容 per category, as a hint that pre-fills the evidence rows; the server checks
 * the same list (REQUIRED_PROJECT_EVIDENCE) and names what is missing.
 */
export const REQUIRED_EVIDENCE: Record<CountCategory, EvidenceKind[]> = {
  retrofit: ['subsidy-voucher'],
  cloud: ['star-cloud-certificate'],
  portrait: ['cooperation-agreement', 'purchase-contract', 'diagnosis-report'],
  benchmark: ['recognition-document'],
};
/** 附则(一)2: 五个一 work and activities need any one of these. */
export const PROGRESS_EVIDENCE: EvidenceKind[] = ['document', 'news', 'media'];

export const ACTIVITY_TYPES = ['policy-briefing', 'site-visit', 'training', 'bank-enterprise', 'promotion', 'other'] as const;
export const LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export const WORK_ITEMS = ['workTeam', 'actionPlan', 'subsidyPolicy', 'industrialChain'] as const;
export const BONUS_KINDS = ['fund-project', 'recognition', 'commendation'] as const;
export const BONUS_SUBJECTS = ['other', 'star-cloud', 'integration-standard'] as const;
export const SUBSIDY_LEVELS = ['county', 'city', 'provincial', 'national'] as const;
export const ISSUERS = ['provincial', 'city'] as const;

type Named = 'cat' | 'evidence' | 'activity' | 'level' | 'work' | 'bonusKind' | 'subject' | 'subsidy' | 'issuer' | 'status' | 'final';
/** The label of an enum value: `asc.<group>.<value>` in the dictionary (every value has one in both languages). */
export const nameOf = (t: Translate, group: Named, value: string | null | undefined): string =>
  value ? t(`asc.${group}.${value}` as MessageKey) : '—';
export const categoryName = (t: Translate, c: Category) => nameOf(t, 'cat', c);

export function EvidenceTags({ evidence }: { evidence: Evidence[] }) {
  const { t } = useI18n();
  if (evidence.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {evidence.map((e, i) => (
        <Tooltip key={i} title={e.reference ? `${t('asc.evidence.reference')}:${e.reference}` : undefined}>
          <Tag color="blue" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>{nameOf(t, 'evidence', e.kind)}:{e.title}</Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** The evidence rows of a recording form: kind, title (文件名称/文号), and an optional number or link. */
export function EvidenceList({ hint, kinds = EVIDENCE_KINDS }: { hint?: ReactNode; kinds?: readonly EvidenceKind[] }) {
  const { t } = useI18n();
  return (
    <Form.Item label={t('asc.evidence.title')} required extra={hint} style={{ marginBottom: 8 }}>
      <Form.List name="evidence">
        {(fields, { add, remove }, { errors }) => (
          <div data-testid="evidence-list">
            {fields.map((f) => (
              <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 4 }} wrap={false}>
                <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: t('asc.evidence.kindRequired') }]} style={{ marginBottom: 0, width: 190 }}>
                  <Select options={kinds.map((k) => ({ value: k, label: nameOf(t, 'evidence', k) }))} placeholder={t('asc.evidence.kind')} data-testid="evidence-kind" />
                </Form.Item>
                <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: t('asc.evidence.nameRequired') }]} style={{ marginBottom: 0, width: 260 }}>
                  <Input placeholder={t('asc.evidence.name')} maxLength={200} data-testid="evidence-title" />
                </Form.Item>
                <Form.Item name={[f.name, 'reference']} style={{ marginBottom: 0, width: 180 }}>
                  <Input placeholder={t('asc.evidence.reference')} maxLength={500} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('asc.evidence.remove')} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: undefined, title: '' })} data-testid="evidence-add">{t('asc.evidence.add')}</Button>
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** Evidence rows without the blank optional reference (the API refuses nothing for it, but keeps it tidy). */
export const cleanEvidence = (rows: { kind: EvidenceKind; title: string; reference?: string }[] | undefined): Evidence[] =>
  (rows ?? []).map((e) => ({ kind: e.kind, title: e.title.trim(), ...(e.reference?.trim() ? { reference: e.reference.trim() } : {}) }));

interface FieldProblem { field: string; message: string }

/** The API's message without the field path it starts with ("regions.1.cloud: …"): the form marks the field itself. */
export const plainMessage = (error: unknown): string => errorMessage(error).replace(/^[\w.[\]]+: /, '');

/**
 * Puts the API's field problems on the form's fields ("evidence.0.title" → that row's title) and
 * returns the message for the alert above the form: nothing is swallowed, a problem on a field the
 * form does not show stays in the alert.
 */
export function showApiError(form: FormInstance, error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  const problems: FieldProblem[] = Array.isArray(error.details) ? (error.details as FieldProblem[]).filter((p) => typeof p?.field === 'string') : [];
  if (problems.length === 0 && error.field) problems.push({ field: error.field, message: error.message });
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = problems
    .map((p) => ({ name: p.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), errors: [p.message.replace(/^[\w.[\]]+: /, '')] }))
    .filter((f) => known.has(String(f.name[0])));
  if (fields.length) form.setFields(fields);
  return error.message.replace(/^[\w.[\]]+: /, '');
}

/** Regions a record may be for: the year's target table (an officer's own row only). */
export function regionChoices(rows: TargetRow[]) {
  return rows.map((r) => ({ value: r.regionId, label: r.regionName }));
}
