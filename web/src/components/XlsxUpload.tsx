// The check-then-import flow shared by every .xlsx upload (enterprise file, assessment projects):
// pick one workbook, 校验 with dryRun=true, then 导入; the server answers 422 with every row error.
// A report that lists the existing records it changes (the enterprise import) shows them, field by
// field, before anyone imports; reports without `changes` (assessment projects) show none.
import { CheckCircleOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { request } from '../api/client.ts';
import { formatCount } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** Upload state and the request; `onCommitted` runs after a real (not dry-run) import succeeded. */
export function useXlsxUpload<R extends { committed: boolean; errors: RowError[] }>(path: string, onCommitted: (r: R) => Promise<void> | void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<R | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);

  const pick = (f: File | null) => {
    setFile(f);
    setReport(null);
    setError(null);
  };

  const send = async (dryRun: boolean) => {
    if (!file) {
      message.warning(t('imp.noFile'));
      return;
    }
    setBusy(dryRun ? 'check' : 'import');
    setError(null);
    try {
      const r = await request<R>('POST', path, { query: { dryRun }, raw: { data: file, contentType: XLSX_MIME }, acceptStatus: [422] });
      setReport(r);
      if (r.committed) await onCommitted(r);
    } catch (e) {
      setReport(null);
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return { file, pick, report, error, busy, send };
}

export function XlsxPicker({ file, onPick }: { file: File | null; onPick: (f: File | null) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Upload.Dragger
      accept=".xlsx" maxCount={1} multiple={false}
      fileList={file ? [{ uid: '1', name: file.name, size: file.size, status: 'done' }] : []}
      beforeUpload={(f) => {
        if (!f.name.toLowerCase().endsWith('.xlsx')) {
          message.error(t('imp.wrongType'));
          return Upload.LIST_IGNORE;
        }
        onPick(f);
        return false;
      }}
      onRemove={() => onPick(null)}
    >
      <p className="ant-upload-drag-icon"><InboxOutlined /></p>
      <p className="ant-upload-text">{t('imp.choose')}</p>
    </Upload.Dragger>
  );
}

export function CheckImportButtons({ onSend, busy, disabled, testIdPrefix }: {
  onSend: (dryRun: boolean) => void; busy: 'check' | 'import' | null; disabled: boolean; testIdPrefix: string;
}) {
  const { t } = useI18n();
  return (
    <Space style={{ marginTop: 12 }}>
      <Button icon={<CheckCircleOutlined />} onClick={() => onSend(true)} loading={busy === 'check'} disabled={disabled || busy !== null} data-testid={`${testIdPrefix}-check`}>
        {t('imp.dryRun')}
      </Button>
      <Button type="primary" icon={<UploadOutlined />} onClick={() => onSend(false)} loading={busy === 'import'} disabled={disabled || busy !== null} data-testid={`${testIdPrefix}-commit`}>
        {t('imp.commit')}
      </Button>
    </Space>
  );
}

/**
 * The headline of a refused import. Beyond the first 1,000 errors the server only counts them: the
 * headline then gives the total and the rows they are on, and says the table lists the first ones.
 */
export function rejectedTitle(
  t: ReturnType<typeof useI18n>['t'],
  report: { errors: RowError[]; errorsTotal?: number; errorRows?: number; errorsTruncated?: boolean },
): string {
  const total = report.errorsTotal ?? report.errors.length;
  return report.errorsTruncated
    ? t('imp.rejectedMore', { n: formatCount(total), rows: formatCount(report.errorRows ?? 0), shown: formatCount(report.errors.length) })
    : t('imp.rejected', { n: formatCount(total) });
}

export function RowErrorTable({ errors, testId, columnWidth = 200 }: { errors: RowError[]; testId: string; columnWidth?: number }) {
  const { t } = useI18n();
  return (
    <Table
      size="small" rowKey={(r) => `${r.row}-${r.column}-${r.message}`} dataSource={errors} data-testid={testId}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('common.total', { total: formatCount(n) }) }}
      columns={[
        { title: t('imp.row'), dataIndex: 'row', width: 80 },
        { title: t('imp.column'), dataIndex: 'column', width: columnWidth },
        { title: t('imp.message'), dataIndex: 'message' },
      ]}
    />
  );
}

/** One existing record an import changes: the cells that differ, under the sheet's column headers. */
export interface RecordChange {
  row: number;
  uscc: string;
  name: string;
  fields: { field: string; label: string; before: string; after: string }[];
}

/** The existing files the import will change (after 校验) or changed (after 导入), before → after. */
export function ImportChangesTable({ changes, total, committed, testId }: { changes: RecordChange[]; total: number; committed: boolean; testId: string }) {
  const { t } = useI18n();
  if (total === 0) return null;
  const cell = (v: string) => (v === '' ? <Typography.Text type="secondary">{t('imp.emptyCell')}</Typography.Text> : v);
  return (
    <div data-testid={testId} style={{ marginTop: 16 }}>
      <Alert
        type={committed ? 'info' : 'warning'} showIcon style={{ marginBottom: 8 }}
        title={committed ? t('imp.changesDone', { n: formatCount(total) }) : t('imp.changesTitle', { n: formatCount(total) })}
        description={[
          committed ? null : t('imp.changesHelp'),
          total > changes.length ? t('imp.changesMore', { shown: formatCount(changes.length), total: formatCount(total) }) : null,
        ].filter(Boolean).join(' ') || undefined}
      />
      <Table<RecordChange>
        size="small" rowKey={(c) => `${c.row}-${c.uscc}`} dataSource={changes}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('common.total', { total: formatCount(n) }) }}
        columns={[
          { title: t('imp.row'), dataIndex: 'row', width: 70 },
          {
            title: t('imp.enterprise'), dataIndex: 'name', width: 260,
            render: (v: string, c) => <span>{v}<span className="zgsz-mono" style={{ display: 'block', color: '#888' }}>{c.uscc}</span></span>,
          },
          {
            title: `${t('imp.changeField')}:${t('imp.before')} → ${t('imp.after')}`, key: 'fields',
            render: (_, c) => (
              <table className="zgsz-changes">
                <tbody>
                  {c.fields.map((f) => (
                    <tr key={f.field}>
                      <th>{f.label}</th>
                      <td className="zgsz-change-before">{cell(f.before)}</td>
                      <td className="zgsz-change-arrow">→</td>
                      <td className="zgsz-change-after">{cell(f.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ),
          },
        ]}
      />
    </div>
  );
}
