// 目标 (the year's 目标表, in the layout of “2022年扬州市‘智改数转’目标”): everyone reads it (an
// officer their own row); the city imports it from .xlsx, or types it in a table and saves the whole
// table at once (PUT: a bad row changes nothing and is marked), and exports it.
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ApiError, api, download, request } from '../../api/client.ts';
import { COUNT_CATEGORIES, type CountCategory, type TargetRow, type Targets, targetsSaved, type YearState } from '../../api/assessment.ts';
import { errorMessage } from '../../components/ErrorAlert.tsx';
import { XlsxPicker } from '../../components/XlsxUpload.tsx';
import { can } from '../../lib/access.ts';
import { formatCount } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import '../../lib/i18n-load-assessment.ts';
import { useRegions } from '../../lib/regions.ts';
import { useSignedIn } from '../../lib/session.tsx';
import { categoryName, plainMessage } from './shared.tsx';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Draft { regionId: string; retrofit: number | null; cloud: number | null; portrait: number | null; benchmark: number | null; coveragePercent: number | null }
const fromRow = (r: TargetRow): Draft => ({ regionId: r.regionId, retrofit: r.retrofit, cloud: r.cloud, portrait: r.portrait, benchmark: r.benchmark, coveragePercent: r.coveragePercent });

/** "regions.3.retrofit", "targets.regions[3].retrofit", "rows[5].cloud" → the table row and column the API names. */
export function problemAt(field: string | undefined): { index: number | null; column: string | null } {
  const m = field ? /regions(?:\.|\[)(\d+)\]?\.?(\w+)?/.exec(field) : null;
  return m ? { index: Number(m[1]), column: m[2] ?? null } : { index: null, column: null };
}

export function TargetsTab({ year, state, states }: { year: number; state: YearState; states: YearState[] }) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { message } = App.useApp();
  const city = can(user.role, 'assessment.targets');
  const targets = state.state === 'targets' ? state.targets : null;
  const [editing, setEditing] = useState(false);
  // Another year's table, to start a new year from or to use as the import template.
  const template = states.filter((s): s is Extract<YearState, { state: 'targets' }> => s.state === 'targets' && s.year !== year)
    .sort((a, b) => Math.abs(a.year - year) - Math.abs(b.year - year))[0]?.targets ?? null;

  const exportTable = async (y: number) => {
    try { await download(`/assessment/${y}/targets/export`, undefined, `${y}年智改数转目标.xlsx`); } catch (e) { message.error(errorMessage(e)); }
  };

  return (
    <div data-testid="assessment-targets">
      {targets && !editing ? (
        <Card size="small" data-testid="targets-table-card"
          title={<Space wrap>{t('asc.targets.title', { year })}<Tag color={targets.source === 'built-in' ? 'gold' : 'blue'}>{targets.source === 'built-in' ? t('asc.targets.builtIn') : t('asc.targets.database')}</Tag></Space>}
          extra={(
            <Space>
              <Button icon={<DownloadOutlined />} onClick={() => void exportTable(year)} data-testid="targets-export">{t('asc.targets.export')}</Button>
              {city ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="targets-edit">{t('asc.targets.edit')}</Button> : null}
            </Space>
          )}>
          <TargetsTable targets={targets} />
        </Card>
      ) : null}
      {city && (editing || !targets) ? (
        <TargetsEditor year={year} initial={targets ?? null} template={template} onDone={() => setEditing(false)} cancellable={!!targets} />
      ) : null}
      {!targets && !city ? <Alert type="info" showIcon title={t('asc.noTargets.title', { year })} description={t('asc.noTargets.others')} /> : null}
      {city ? <TargetsImport year={year} template={template} onTemplate={(y) => void exportTable(y)} replacing={!!targets} /> : null}
    </div>
  );
}

function TargetsTable({ targets }: { targets: Targets }) {
  const { t } = useI18n();
  const columns: ColumnsType<TargetRow> = [
    { title: t('asc.targets.no'), key: 'no', width: 60, align: 'center', render: (_, __, i) => i + 1 },
    { title: t('ass.region'), dataIndex: 'regionName', className: 'asc-nowrap' },
    ...COUNT_CATEGORIES.map((c) => ({ title: `${categoryName(t, c)}${t('asc.unit.count')}`, dataIndex: c, align: 'right' as const, render: (v: number) => formatCount(v) })),
    { title: `${categoryName(t, 'coverage')}(%)`, dataIndex: 'coveragePercent', align: 'right', render: (v: number) => `${v}%` },
  ];
  const total = (c: CountCategory) => targets.regions.reduce((s, r) => s + r[c], 0);
  return (
    <>
      {targets.reference ? <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('asc.targets.reference')}:{targets.reference}</Typography.Paragraph> : null}
      <Table<TargetRow> rowKey="regionId" size="small" dataSource={targets.regions} columns={columns} pagination={false} data-testid="targets-table"
        summary={() => (targets.regions.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}><strong>{t('asc.cityTotal')}</strong></Table.Summary.Cell>
            {COUNT_CATEGORIES.map((c, i) => <Table.Summary.Cell key={c} index={i + 2} align="right"><strong>{formatCount(total(c))}</strong></Table.Summary.Cell>)}
            <Table.Summary.Cell index={6} align="right">—</Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null)} />
    </>
  );
}

function TargetsEditor({ year, initial, template, onDone, cancellable }: {
  year: number; initial: Targets | null; template: Targets | null; onDone: () => void; cancellable: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { regions } = useRegions();
  // 附件2 scores 扬州's counties, districts and functional zones; Suzhou's are never in this table.
  const yangzhou = regions.filter((r) => r.city === 'yangzhou' && r.level !== 'city');
  const blank = (regionId: string): Draft => ({ regionId, retrofit: null, cloud: null, portrait: null, benchmark: null, coveragePercent: null });
  const [rows, setRows] = useState<Draft[] | null>(initial ? initial.regions.map(fromRow) : null);
  const [reference, setReference] = useState(initial?.reference ?? '');
  const [problem, setProblem] = useState<ApiError | Error | null>(null);
  const drafts = rows ?? yangzhou.filter((r) => r.scored).map((r) => blank(r.id));
  const at = problem instanceof ApiError ? problemAt(problem.field) : { index: null, column: null };

  const save = useMutation({
    mutationFn: () => api.put<Targets>(`/assessment/${year}/targets`, {
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      regions: drafts.map((d) => ({ ...d })),
    }),
    onSuccess: async (r) => {
      setProblem(null);
      message.success(t('asc.targets.saved', { year }));
      onDone();
      await targetsSaved(queryClient, year, r);
    },
    onError: (e) => setProblem(e instanceof Error ? e : new Error(String(e))),
  });

  const set = (i: number, key: keyof Draft, value: number | string | null) =>
    setRows(drafts.map((d, k) => (k === i ? { ...d, [key]: value } : d)));
  const used = new Set(drafts.map((d) => d.regionId));
  const name = (id: string) => regions.find((r) => r.id === id)?.name ?? id;
  const cellStatus = (i: number, c: string) => (at.index === i && (at.column === c || at.column === null) ? 'error' as const : undefined);

  const columns: ColumnsType<Draft & { i: number }> = [
    { title: t('ass.region'), dataIndex: 'regionId', width: 150, render: (id: string) => <span className="asc-nowrap">{name(id)}</span> },
    ...COUNT_CATEGORIES.map((c) => ({
      title: `${categoryName(t, c)}${t('asc.unit.count')}`, dataIndex: c, key: c,
      render: (v: number | null, r: Draft & { i: number }) => (
        <InputNumber min={1} precision={0} value={v} status={cellStatus(r.i, c)} style={{ width: '100%' }} onChange={(x) => set(r.i, c, x)}
          data-testid={`target-${r.regionId}-${c}`} />
      ),
    })),
    {
      title: `${categoryName(t, 'coverage')}(%)`, dataIndex: 'coveragePercent', key: 'coverage',
      render: (v: number | null, r) => (
        <InputNumber min={0.01} max={100} step={1} value={v} status={cellStatus(r.i, 'coveragePercent')} style={{ width: '100%' }}
          onChange={(x) => set(r.i, 'coveragePercent', x)} data-testid={`target-${r.regionId}-coverage`} />
      ),
    },
    { title: '', key: 'remove', width: 48, render: (_, r) => <Button type="text" icon={<DeleteOutlined />} aria-label={t('asc.targets.removeRow')} onClick={() => setRows(drafts.filter((_, k) => k !== r.i))} /> },
  ];

  return (
    <Card size="small" data-testid="targets-editor"
      title={initial ? t('asc.targets.editTitle', { year }) : t('asc.targets.newTitle', { year })}
      extra={template ? (
        <Button onClick={() => { setRows(template.regions.map(fromRow)); setProblem(null); }} data-testid="targets-copy">
          {t('asc.targets.copyFrom', { year: template.year })}
        </Button>
      ) : null}>
      <Typography.Paragraph type="secondary">{t('asc.targets.editHelp')}</Typography.Paragraph>
      {problem ? (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} data-testid="targets-save-error"
          title={t('asc.targets.saveFailed')}
          description={<>{at.index !== null && drafts[at.index] ? <strong>{name(drafts[at.index]!.regionId)}:</strong> : null}{plainMessage(problem)}</>} />
      ) : null}
      <Table<Draft & { i: number }> rowKey="regionId" size="small" pagination={false} columns={columns}
        dataSource={drafts.map((d, i) => ({ ...d, i }))} rowClassName={(r) => (r.i === at.index ? 'asc-row-error' : '')} />
      <Row gutter={12} style={{ marginTop: 12 }} align="middle">
        <Col flex="260px">
          <Select style={{ width: '100%' }} placeholder={t('asc.targets.addRegion')} value={null} data-testid="targets-add-region"
            options={yangzhou.filter((r) => !used.has(r.id)).map((r) => ({ value: r.id, label: r.name }))}
            onChange={(id: string) => setRows([...drafts, blank(id)])} suffixIcon={<PlusOutlined />} />
        </Col>
        <Col flex="auto">
          <Input value={reference} onChange={(e) => setReference(e.target.value)} maxLength={200} placeholder={t('asc.targets.referencePlaceholder')} addonBefore={t('asc.targets.reference')} />
        </Col>
      </Row>
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate()} data-testid="targets-save">{t('asc.targets.save')}</Button>
        {cancellable ? <Button onClick={onDone}>{t('common.cancel')}</Button> : null}
      </Space>
    </Card>
  );
}

function TargetsImport({ year, template, onTemplate, replacing }: { year: number; template: Targets | null; onTemplate: (y: number) => void; replacing: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Targets | null>(null);
  const send = useMutation({
    mutationFn: (f: File) => request<Targets>('POST', `/assessment/${year}/targets/import`, { raw: { data: f, contentType: XLSX_MIME } }),
    onSuccess: async (r) => {
      setError(null);
      setDone(r);
      message.success(t('asc.import.done', { year, n: r.regions.length }));
      await targetsSaved(queryClient, year, r);
    },
    onError: (e) => { setDone(null); setError(e); },
  });
  const row = error instanceof ApiError ? /第(\d+)行/.exec(error.message)?.[1] ?? /rows\[(\d+)\]/.exec(error.field ?? '')?.[1] : undefined;
  return (
    <Card size="small" style={{ marginTop: 12 }} title={<><UploadOutlined /> {t('asc.import.title', { year })}</>} data-testid="targets-import"
      extra={template ? <Button type="link" icon={<DownloadOutlined />} onClick={() => onTemplate(template.year)}>{t('asc.import.template', { year: template.year })}</Button> : null}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('asc.import.help')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('asc.import.columns')}</Typography.Paragraph>
      {replacing ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('asc.import.replaces', { year })} /> : null}
      <XlsxPicker file={file} onPick={(f) => { setFile(f); setError(null); setDone(null); }} />
      <Button type="primary" icon={<UploadOutlined />} style={{ marginTop: 12 }} disabled={!file} loading={send.isPending} onClick={() => file && send.mutate(file)} data-testid="targets-import-commit">
        {t('asc.import.commit')}
      </Button>
      {error ? (
        <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} data-testid="targets-import-error"
          title={row ? t('asc.import.rowFailed', { row }) : t('asc.import.failed')}
          description={errorMessage(error)} />
      ) : null}
      {done ? <Alert type="success" showIcon style={{ marginTop: 12 }} data-testid="targets-import-result" title={t('asc.import.done', { year, n: done.regions.length })} /> : null}
    </Card>
  );
}
