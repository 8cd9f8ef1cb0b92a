// 记录: what a region enters over the year, each with the evidence 核查内容 asks for (附件2 附则(一)) —
// counted projects (指标说明), the coverage summary by month, the four recorded 五个一 items, promotion
// activities, and bonus/deduction events. A region officer records for their own region only; the
// city picks the region. Lists show what is recorded; projects, activities and events can be
// withdrawn (a deduction only by the city). The API's refusals appear on the form, never swallowed.
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import {
  type ActivityRecord, COUNT_CATEGORIES, type CountCategory, type CoverageRecord, type EventRecord, type EvidenceKind, type ProjectRecord, type Targets,
  type WorkItemRecord,
} from '../../api/assessment.ts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.tsx';
import { can } from '../../lib/access.ts';
import { formatCount } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-assessment.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { AssessmentProjectImport } from './AssessmentProjectImport.tsx';
import { DateItem, RecordModal } from './RecordForm.tsx';
import {
  ACTIVITY_TYPES, BONUS_KINDS, BONUS_SUBJECTS, categoryName, cleanEvidence, EvidenceList, EvidenceTags, ISSUERS, LEVELS, nameOf, PROGRESS_EVIDENCE,
  REQUIRED_EVIDENCE, SUBSIDY_LEVELS, WORK_ITEMS,
} from './shared.tsx';

type EvidenceRows = { kind: EvidenceKind; title: string; reference?: string }[];
type Kind = 'projects' | 'coverage' | 'work' | 'activities' | 'events';

export function RecordsTab({ year, targets }: { year: number; targets: Targets | null }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const regions = targets?.regions ?? [];
  const own = user.regionId;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const regionId = own ?? chosen ?? regions[0]?.regionId;
  const region = regions.find((r) => r.regionId === regionId);
  const [kind, setKind] = useState<Kind>('projects');
  const writable = can(user.role, 'assessment.record');
  if (!regionId || !region) return <Alert type="info" showIcon title={t('asc.rec.noRegion', { year })} />;
  const props = { year, regionId, regionName: region.regionName, writable };

  return (
    <div data-testid="assessment-records">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t('asc.rec.region')}</span>
          {own ? (
            <Tag color="blue" data-testid="records-region-fixed" style={{ fontSize: 14, padding: '2px 10px' }}>{region.regionName}</Tag>
          ) : (
            <Select value={regionId} style={{ width: 220 }} onChange={setChosen} data-testid="records-region"
              options={regions.map((r) => ({ value: r.regionId, label: r.regionName }))} />
          )}
          <Typography.Text type="secondary">{own ? t('asc.rec.ownRegion') : t('asc.rec.cityPicks')}</Typography.Text>
          {!writable ? <Tag>{t('asc.rec.readOnly')}</Tag> : null}
        </Space>
      </Card>
      <Tabs type="card" activeKey={kind} onChange={(k) => setKind(k as Kind)} items={[
        { key: 'projects', label: <span data-testid="records-kind-projects">{t('asc.rec.projects')}</span>, children: <ProjectsSection {...props} /> },
        { key: 'coverage', label: <span data-testid="records-kind-coverage">{t('asc.rec.coverage')}</span>, children: <CoverageSection {...props} /> },
        { key: 'work', label: <span data-testid="records-kind-work">{t('asc.rec.work')}</span>, children: <WorkItemsSection {...props} /> },
        { key: 'activities', label: <span data-testid="records-kind-activities">{t('asc.rec.activities')}</span>, children: <ActivitiesSection {...props} /> },
        { key: 'events', label: <span data-testid="records-kind-events">{t('asc.rec.events')}</span>, children: <EventsSection {...props} /> },
      ]} />
    </div>
  );
}

interface SectionProps { year: number; regionId: string; regionName: string; writable: boolean }

function useList<T>(year: number, path: string, regionId: string, extra: Record<string, string | undefined> = {}) {
  return useQuery({ queryKey: ['assessment', year, 'records', path, regionId, extra], queryFn: () => api.get<T[]>(`/assessment/${year}/${path}`, { regionId, ...extra }) });
}

function useWithdraw(path: 'projects' | 'activities' | 'events') {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/assessment/${path}/${id}`),
    onSuccess: async () => {
      message.success(t('asc.rec.withdrawn'));
      await queryClient.invalidateQueries({ queryKey: ['assessment'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
}

function WithdrawButton({ onConfirm, disabled, testId }: { onConfirm: () => void; disabled?: boolean; testId: string }) {
  const { t } = useI18n();
  return (
    <Popconfirm title={t('asc.rec.withdrawConfirm')} onConfirm={onConfirm} okText={t('asc.rec.withdraw')} cancelText={t('common.cancel')}>
      <Button size="small" type="link" danger icon={<DeleteOutlined />} disabled={disabled} data-testid={testId}>{t('asc.rec.withdraw')}</Button>
    </Popconfirm>
  );
}

function SectionHead({ help, onAdd, writable, addLabel, testId }: { help: string; onAdd: () => void; writable: boolean; addLabel: string; testId: string }) {
  return (
    <div className="asc-section-head">
      <Typography.Text type="secondary">{help}</Typography.Text>
      {writable ? <Button type="primary" icon={<PlusOutlined />} onClick={onAdd} data-testid={testId}>{addLabel}</Button> : null}
    </div>
  );
}

// ---- projects (指标说明; 核查内容 per category) ----
interface ProjectValues { category: CountCategory; title: string; enterpriseName: string; countedOn: string; subsidyLevel?: string; evidence: EvidenceRows }

function ProjectsSection({ year, regionId, regionName, writable }: SectionProps) {
  const { t } = useI18n();
  const [category, setCategory] = useState<CountCategory | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const list = useList<ProjectRecord>(year, 'projects', regionId, { category });
  const withdraw = useWithdraw('projects');
  const [form] = Form.useForm<ProjectValues>();
  const chosenCategory = Form.useWatch('category', form);

  const columns: ColumnsType<ProjectRecord> = [
    { title: t('asc.rec.category'), dataIndex: 'category', width: 136, render: (c: CountCategory) => categoryName(t, c) },
    { title: t('asc.rec.projectTitle'), dataIndex: 'title' },
    { title: t('asc.rec.enterprise'), dataIndex: 'enterpriseName', width: 180 },
    { title: t('asc.rec.countedOn'), dataIndex: 'countedOn', width: 110, className: 'asc-nowrap' },
    { title: t('asc.rec.subsidyLevel'), dataIndex: 'subsidyLevel', width: 110, render: (v: string | null) => nameOf(t, 'subsidy', v) },
    { title: t('asc.evidence.title'), dataIndex: 'evidence', width: 240, render: (e: ProjectRecord['evidence']) => <EvidenceTags evidence={e} /> },
    ...(writable ? [{ title: '', key: 'op', width: 104, render: (_: unknown, r: ProjectRecord) => <WithdrawButton onConfirm={() => withdraw.mutate(r.id)} testId={`withdraw-project-${r.id}`} /> }] : []),
  ];

  // The evidence rows 核查内容 asks for, pre-filled when the category is chosen (titles left to type).
  const onCategory = (c: CountCategory) => {
    const rows = (form.getFieldValue('evidence') as EvidenceRows | undefined) ?? [];
    const missing = REQUIRED_EVIDENCE[c].filter((k) => !rows.some((r) => r.kind === k));
    form.setFieldValue('evidence', [...rows.filter((r) => r.title?.trim()), ...missing.map((k) => ({ kind: k, title: '' }))]);
  };

  return (
    <div data-testid="records-projects">
      <SectionHead help={t('asc.rec.projectsHelp')} writable={writable} onAdd={() => setAdding(true)} addLabel={t('asc.rec.addProject')} testId="add-project" />
      <Space style={{ marginBottom: 8 }}>
        <Select allowClear placeholder={t('asc.rec.allCategories')} style={{ width: 200 }} value={category} onChange={setCategory}
          options={COUNT_CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))} />
        {list.data ? <Typography.Text type="secondary">{t('asc.rec.count', { n: formatCount(list.data.length) })}</Typography.Text> : null}
      </Space>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<ProjectRecord> rowKey="id" size="small" loading={list.isPending} dataSource={list.data ?? []} columns={columns} tableLayout="fixed"
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }} data-testid="projects-table" />
      <RecordModal<ProjectValues> open={adding} form={form} onClose={() => setAdding(false)} testId="project-form"
        title={t('asc.rec.addProjectTitle', { region: regionName })}
        onSubmit={(v) => api.post('/assessment/projects', {
          regionId, category: v.category, title: v.title.trim(), enterpriseName: v.enterpriseName.trim(), countedOn: v.countedOn,
          ...(v.subsidyLevel ? { subsidyLevel: v.subsidyLevel } : {}), evidence: cleanEvidence(v.evidence),
        })}>
        <Form.Item name="category" label={t('asc.rec.category')} rules={[{ required: true, message: t('asc.rec.categoryRequired') }]}>
          <Radio.Group onChange={(e) => onCategory(e.target.value as CountCategory)} optionType="button" data-testid="project-category"
            options={COUNT_CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('asc.rec.projectTitle')} rules={[{ required: true, whitespace: true, message: t('asc.rec.titleRequired') }]}>
          <Input maxLength={200} data-testid="project-title" />
        </Form.Item>
        <Form.Item name="enterpriseName" label={t('asc.rec.enterprise')} rules={[{ required: true, whitespace: true, message: t('asc.rec.enterpriseRequired') }]}>
          <Input maxLength={100} data-testid="project-enterprise" />
        </Form.Item>
        <Space size={24} wrap>
          <DateItem year={year} name="countedOn" label={t('asc.rec.countedOn')} testId="project-counted-on" extra={t('asc.rec.countedOnHelp', { year })} />
          {chosenCategory === 'retrofit' ? (
            <Form.Item name="subsidyLevel" label={t('asc.rec.subsidyLevel')} rules={[{ required: true, message: t('asc.rec.subsidyRequired') }]}>
              <Select style={{ width: 200 }} options={SUBSIDY_LEVELS.map((l) => ({ value: l, label: nameOf(t, 'subsidy', l) }))} data-testid="project-subsidy" />
            </Form.Item>
          ) : null}
        </Space>
        <EvidenceList hint={chosenCategory ? t('asc.rec.needs', { list: REQUIRED_EVIDENCE[chosenCategory].map((k) => nameOf(t, 'evidence', k)).join('、') }) : t('asc.rec.chooseCategoryFirst')} />
      </RecordModal>
      {writable ? <AssessmentProjectImport /> : null}
    </div>
  );
}

// ---- coverage (当年规上企业实施“智改数转”项目情况汇总表) ----
interface CoverageValues { month: number; covered: number; total: number; evidence: EvidenceRows }

function CoverageSection({ year, regionId, regionName, writable }: SectionProps) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const list = useList<CoverageRecord>(year, 'coverage', regionId);
  const columns: ColumnsType<CoverageRecord> = [
    { title: t('asc.rec.month'), dataIndex: 'month', width: 90, render: (m: number) => t('asc.monthN', { month: m }) },
    { title: t('asc.rec.covered'), dataIndex: 'covered', align: 'right', width: 160, render: (v: number) => formatCount(v) },
    { title: t('asc.rec.aboveScaleTotal'), dataIndex: 'total', align: 'right', width: 160, render: (v: number) => formatCount(v) },
    { title: t('asc.rec.coverageRate'), key: 'rate', align: 'right', width: 110, render: (_, r) => `${((r.covered * 10000) / r.total / 100).toFixed(2)}%` },
    { title: t('asc.evidence.title'), dataIndex: 'evidence', render: (e: CoverageRecord['evidence']) => <EvidenceTags evidence={e} /> },
  ];
  return (
    <div data-testid="records-coverage">
      <SectionHead help={t('asc.rec.coverageHelp')} writable={writable} onAdd={() => setAdding(true)} addLabel={t('asc.rec.addCoverage')} testId="add-coverage" />
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<CoverageRecord> rowKey="month" size="small" loading={list.isPending} dataSource={list.data ?? []} columns={columns} pagination={false} data-testid="coverage-table" />
      <RecordModal<CoverageValues> open={adding} onClose={() => setAdding(false)} testId="coverage-form" title={t('asc.rec.addCoverageTitle', { region: regionName })}
        initialValues={{ evidence: [{ kind: 'coverage-summary', title: '' }] }}
        onSubmit={(v) => api.put(`/assessment/${year}/coverage`, { regionId, month: v.month, covered: v.covered, total: v.total, evidence: cleanEvidence(v.evidence) })}>
        <Space size={24} wrap>
          <Form.Item name="month" label={t('asc.rec.asOfMonth')} rules={[{ required: true, message: t('asc.rec.monthRequired') }]}>
            <Select style={{ width: 120 }} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('asc.monthN', { month: i + 1 }) }))} data-testid="coverage-month" />
          </Form.Item>
          <Form.Item name="covered" label={t('asc.rec.covered')} rules={[{ required: true, message: t('asc.rec.numberRequired') }]}>
            <InputNumber min={0} precision={0} style={{ width: 180 }} data-testid="coverage-covered" />
          </Form.Item>
          <Form.Item name="total" label={t('asc.rec.aboveScaleTotal')} rules={[{ required: true, message: t('asc.rec.numberRequired') }]}>
            <InputNumber min={1} precision={0} style={{ width: 180 }} data-testid="coverage-total" />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{t('asc.rec.coverageReplace')}</Typography.Paragraph>
        <EvidenceList hint={t('asc.rec.needs', { list: nameOf(t, 'evidence', 'coverage-summary') })} />
      </RecordModal>
    </div>
  );
}

// ---- 五个一 (附件2 二(二)); the fifth, 推进活动, is judged from the activity records ----
interface WorkValues { done: boolean; completedOn?: string; note?: string; evidence: EvidenceRows }

function WorkItemsSection({ year, regionId, regionName, writable }: SectionProps) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const list = useList<WorkItemRecord>(year, 'work-items', regionId);
  const rows = WORK_ITEMS.map((item) => list.data?.find((w) => w.item === item) ?? { year, regionId, item, done: false, completedOn: null, note: null, evidence: [], missing: true });
  const current = rows.find((r) => r.item === editing);
  const columns: ColumnsType<(typeof rows)[number]> = [
    { title: t('asc.rec.workItem'), dataIndex: 'item', render: (i: string) => nameOf(t, 'work', i) },
    {
      title: t('asc.rec.status'), dataIndex: 'done', width: 110,
      render: (d: boolean, r) => ('missing' in r ? <Tag>{t('asc.rec.notRecorded')}</Tag> : d ? <Tag color="success">{t('asc.rec.done')}</Tag> : <Tag color="warning">{t('asc.rec.notDone')}</Tag>),
    },
    { title: t('asc.rec.completedOn'), dataIndex: 'completedOn', width: 110, className: 'asc-nowrap', render: (v: string | null) => v ?? '—' },
    { title: t('asc.rec.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    { title: t('asc.evidence.title'), dataIndex: 'evidence', width: 280, render: (e: WorkItemRecord['evidence']) => <EvidenceTags evidence={e} /> },
    ...(writable ? [{ title: '', key: 'op', width: 90, render: (_: unknown, r: (typeof rows)[number]) => (
      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(r.item)} data-testid={`edit-work-${r.item}`}>{t('asc.rec.record')}</Button>
    ) }] : []),
  ];
  return (
    <div data-testid="records-work">
      <SectionHead help={t('asc.rec.workHelp')} writable={false} onAdd={() => undefined} addLabel="" testId="add-work" />
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table rowKey="item" size="small" loading={list.isPending} dataSource={rows} columns={columns} pagination={false} data-testid="work-table" />
      {current ? (
        <RecordModal<WorkValues> open onClose={() => setEditing(null)} testId="work-form"
          title={`${nameOf(t, 'work', current.item)} · ${regionName}`}
          initialValues={{
            done: current.done || 'missing' in current, ...(current.completedOn ? { completedOn: current.completedOn } : {}), note: current.note ?? '',
            evidence: current.evidence.length ? current.evidence : [{ kind: 'document', title: '' }],
          }}
          onSubmit={(v) => api.put(`/assessment/${year}/work-items/${regionId}/${current.item}`, {
            done: v.done, ...(v.completedOn ? { completedOn: v.completedOn } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}), evidence: cleanEvidence(v.evidence),
          })}>
          <Form.Item name="done" valuePropName="checked"><Checkbox data-testid="work-done">{t('asc.rec.doneCheck')}</Checkbox></Form.Item>
          <DateItem year={year} name="completedOn" label={t('asc.rec.completedOn')} required={false} testId="work-completed-on" extra={t('asc.rec.completedOnHelp', { from: year - 1, to: year })} />
          <Form.Item name="note" label={t('asc.rec.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <EvidenceList kinds={[...PROGRESS_EVIDENCE, 'approval', 'other']} hint={t('asc.rec.progressNeeds')} />
        </RecordModal>
      ) : null}
    </div>
  );
}

// ---- activities (二(二) 推进活动) ----
interface ActivityValues { date: string; type: string; level: string; hostedByLocalGovernment: boolean; title: string; evidence: EvidenceRows }

function ActivitiesSection({ year, regionId, regionName, writable }: SectionProps) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const list = useList<ActivityRecord>(year, 'activities', regionId);
  const withdraw = useWithdraw('activities');
  const columns: ColumnsType<ActivityRecord> = [
    { title: t('asc.rec.date'), dataIndex: 'date', width: 110, className: 'asc-nowrap' },
    { title: t('asc.rec.activityTitle'), dataIndex: 'title' },
    { title: t('asc.rec.activityType'), dataIndex: 'type', width: 120, render: (v: string) => nameOf(t, 'activity', v) },
    { title: t('asc.rec.level'), dataIndex: 'level', width: 100, render: (v: string) => nameOf(t, 'level', v) },
    { title: t('asc.rec.hosted'), dataIndex: 'hostedByLocalGovernment', width: 120, render: (v: boolean) => (v ? <Tag color="blue">{t('asc.yes')}</Tag> : t('asc.no')) },
    { title: t('asc.evidence.title'), dataIndex: 'evidence', width: 260, render: (e: ActivityRecord['evidence']) => <EvidenceTags evidence={e} /> },
    ...(writable ? [{ title: '', key: 'op', width: 104, render: (_: unknown, r: ActivityRecord) => <WithdrawButton onConfirm={() => withdraw.mutate(r.id)} testId={`withdraw-activity-${r.id}`} /> }] : []),
  ];
  return (
    <div data-testid="records-activities">
      <SectionHead help={t('asc.rec.activitiesHelp')} writable={writable} onAdd={() => setAdding(true)} addLabel={t('asc.rec.addActivity')} testId="add-activity" />
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<ActivityRecord> rowKey="id" size="small" loading={list.isPending} dataSource={list.data ?? []} columns={columns} tableLayout="fixed"
        pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="activities-table" />
      <RecordModal<ActivityValues> open={adding} onClose={() => setAdding(false)} testId="activity-form" title={t('asc.rec.addActivityTitle', { region: regionName })}
        initialValues={{ hostedByLocalGovernment: false, level: 'county', evidence: [{ kind: 'news', title: '' }] }}
        onSubmit={(v) => api.post('/assessment/activities', {
          regionId, date: v.date, type: v.type, level: v.level, hostedByLocalGovernment: v.hostedByLocalGovernment, title: v.title.trim(), evidence: cleanEvidence(v.evidence),
        })}>
        <Form.Item name="title" label={t('asc.rec.activityTitle')} rules={[{ required: true, whitespace: true, message: t('asc.rec.titleRequired') }]}>
          <Input maxLength={200} data-testid="activity-title" />
        </Form.Item>
        <Space size={24} wrap align="start">
          <DateItem year={year} name="date" label={t('asc.rec.date')} testId="activity-date" />
          <Form.Item name="type" label={t('asc.rec.activityType')} rules={[{ required: true, message: t('asc.rec.typeRequired') }]}>
            <Select style={{ width: 160 }} options={ACTIVITY_TYPES.map((v) => ({ value: v, label: nameOf(t, 'activity', v) }))} data-testid="activity-type" />
          </Form.Item>
          <Form.Item name="level" label={t('asc.rec.level')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={LEVELS.map((v) => ({ value: v, label: nameOf(t, 'level', v) }))} data-testid="activity-level" />
          </Form.Item>
        </Space>
        <Form.Item name="hostedByLocalGovernment" valuePropName="checked" extra={t('asc.rec.hostedHelp')}>
          <Checkbox data-testid="activity-hosted">{t('asc.rec.hosted')}</Checkbox>
        </Form.Item>
        <EvidenceList kinds={[...PROGRESS_EVIDENCE, 'notice', 'other']} hint={t('asc.rec.progressNeeds')} />
      </RecordModal>
    </div>
  );
}

// ---- bonus (region) and deduction (city only) events (附件2 二(三)、(四)) ----
interface EventValues { direction: 'bonus' | 'deduction'; date: string; kind?: string; level?: string; subject?: string; issuer?: string; title: string; evidence: EvidenceRows }

function EventsSection({ year, regionId, regionName, writable }: SectionProps) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const deduct = can(user.role, 'assessment.deduct');
  const [adding, setAdding] = useState(false);
  const list = useList<EventRecord>(year, 'events', regionId);
  const withdraw = useWithdraw('events');
  const [form] = Form.useForm<EventValues>();
  const direction = Form.useWatch('direction', form) ?? 'bonus';
  const columns: ColumnsType<EventRecord> = [
    { title: t('asc.rec.date'), dataIndex: 'date', width: 110, className: 'asc-nowrap' },
    { title: t('asc.rec.direction'), dataIndex: 'direction', width: 80, render: (d: string) => (d === 'bonus' ? <Tag color="green">{t('ass.bonus')}</Tag> : <Tag color="red">{t('ass.deductions')}</Tag>) },
    { title: t('asc.rec.eventTitle'), dataIndex: 'title' },
    {
      title: t('asc.rec.eventDetail'), key: 'detail', width: 220,
      render: (_, r) => (r.direction === 'bonus'
        ? [nameOf(t, 'bonusKind', r.kind), nameOf(t, 'level', r.level), r.subject && r.subject !== 'other' ? nameOf(t, 'subject', r.subject) : null].filter(Boolean).join(' · ')
        : t('asc.rec.issuedBy', { issuer: nameOf(t, 'issuer', r.issuer) })),
    },
    { title: t('asc.evidence.title'), dataIndex: 'evidence', width: 240, render: (e: EventRecord['evidence']) => <EvidenceTags evidence={e} /> },
    ...(writable ? [{
      title: '', key: 'op', width: 104,
      render: (_: unknown, r: EventRecord) => <WithdrawButton onConfirm={() => withdraw.mutate(r.id)} disabled={r.direction === 'deduction' && !deduct} testId={`withdraw-event-${r.id}`} />,
    }] : []),
  ];
  return (
    <div data-testid="records-events">
      <SectionHead help={deduct ? t('asc.rec.eventsHelpCity') : t('asc.rec.eventsHelp')} writable={writable} onAdd={() => setAdding(true)} addLabel={t('asc.rec.addEvent')} testId="add-event" />
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<EventRecord> rowKey="id" size="small" loading={list.isPending} dataSource={list.data ?? []} columns={columns} tableLayout="fixed"
        pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="events-table" />
      <RecordModal<EventValues> open={adding} form={form} onClose={() => setAdding(false)} testId="event-form" title={t('asc.rec.addEventTitle', { region: regionName })}
        initialValues={{ direction: 'bonus', subject: 'other', evidence: [{ kind: 'recognition-document', title: '' }] }}
        onSubmit={(v) => api.post('/assessment/events', v.direction === 'bonus'
          ? { direction: 'bonus', regionId, date: v.date, kind: v.kind, level: v.level, subject: v.subject ?? 'other', title: v.title.trim(), evidence: cleanEvidence(v.evidence) }
          : { direction: 'deduction', regionId, date: v.date, issuer: v.issuer, title: v.title.trim(), evidence: cleanEvidence(v.evidence) })}>
        {deduct ? (
          <Form.Item name="direction" label={t('asc.rec.direction')}>
            <Radio.Group optionType="button" options={[{ value: 'bonus', label: t('ass.bonus') }, { value: 'deduction', label: t('ass.deductions') }]} data-testid="event-direction" />
          </Form.Item>
        ) : <Form.Item name="direction" hidden><Input /></Form.Item>}
        <Form.Item name="title" label={t('asc.rec.eventTitle')} rules={[{ required: true, whitespace: true, message: t('asc.rec.titleRequired') }]}>
          <Input maxLength={200} data-testid="event-title" />
        </Form.Item>
        <Space size={24} wrap align="start">
          <DateItem year={year} name="date" label={t('asc.rec.date')} testId="event-date" />
          {direction === 'bonus' ? (
            <>
              <Form.Item name="kind" label={t('asc.rec.bonusKind')} rules={[{ required: true, message: t('asc.rec.typeRequired') }]}>
                <Select style={{ width: 200 }} options={BONUS_KINDS.map((v) => ({ value: v, label: nameOf(t, 'bonusKind', v) }))} data-testid="event-kind" />
              </Form.Item>
              <Form.Item name="level" label={t('asc.rec.level')} rules={[{ required: true, message: t('asc.rec.levelRequired') }]}>
                <Select style={{ width: 140 }} options={LEVELS.map((v) => ({ value: v, label: nameOf(t, 'level', v) }))} data-testid="event-level" />
              </Form.Item>
              <Form.Item name="subject" label={t('asc.rec.subject')} extra={t('asc.rec.subjectHelp')}>
                <Select style={{ width: 160 }} options={BONUS_SUBJECTS.map((v) => ({ value: v, label: nameOf(t, 'subject', v) }))} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="issuer" label={t('asc.rec.issuer')} rules={[{ required: true, message: t('asc.rec.issuerRequired') }]}>
              <Select style={{ width: 160 }} options={ISSUERS.map((v) => ({ value: v, label: nameOf(t, 'issuer', v) }))} data-testid="event-issuer" />
            </Form.Item>
          )}
        </Space>
        <EvidenceList hint={t('asc.rec.eventNeeds')} />
      </RecordModal>
    </div>
  );
}
