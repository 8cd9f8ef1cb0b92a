// Excel import: check first (dryRun=true), then import. The server refuses the whole file when any
// row is wrong and lists every error by row and column; the check lists the existing files the
// import would change, field by field, and importing after it asks for confirmation. A row exported
// before a newer edit of its file is refused on the 档案版本 column. The import itself runs as a
// job on the server (a 100,000-row file takes a while): the page follows its progress, may be left,
// and lists the officer's recent imports with their reports.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Progress, Table, Tag, Typography } from 'antd';
import { ExportEnterprises } from './ExportEnterprises.tsx';
import { useEffect, useState } from 'react';
import { request } from '../../api/client.ts';
import type { ImportJob, ImportReport } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CheckImportButtons, ImportChangesTable, rejectedTitle, RowErrorTable, useXlsxUpload, XLSX_MIME, XlsxPicker } from '../../components/XlsxUpload.tsx';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';

export default function EnterpriseImportPage() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const { file, pick, report: checked, error, busy, send } = useXlsxUpload<ImportReport>('/enterprises/import', () => undefined);
  const [jobId, setJobId] = useState<string | null>(null);
  const [queueing, setQueueing] = useState(false);
  const [queueError, setQueueError] = useState<unknown>(null);
  const job = useImportJob(jobId);
  const report = jobId ? (job.data?.report ?? null) : checked;

  useEffect(() => {
    if (job.data?.report?.committed) {
      void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    }
  }, [job.data?.report?.committed, queryClient]);

  const queueImport = async () => {
    if (!file) return;
    setQueueing(true);
    setQueueError(null);
    try {
      const queued = await request<ImportJob>('POST', '/enterprises/import-jobs', { query: { dryRun: false, fileName: file.name }, raw: { data: file, contentType: XLSX_MIME } });
      setJobId(queued.id);
      await queryClient.invalidateQueries({ queryKey: ['import-jobs'] });
    } catch (e) {
      setQueueError(e);
    } finally {
      setQueueing(false);
    }
  };
  const pickFile = (f: File | null) => {
    setJobId(null);
    setQueueError(null);
    pick(f);
  };

  // After a check that found changes to existing files, 导入 asks once more, naming how many.
  const onSend = (dryRun: boolean) => {
    if (dryRun) {
      setJobId(null);
      void send(true);
      return;
    }
    const pending = !jobId && checked && checked.dryRun && checked.errors.length === 0 ? checked.changesTotal : 0;
    if (pending === 0) {
      void queueImport();
      return;
    }
    modal.confirm({
      title: t('imp.confirmTitle'), content: t('imp.confirmChanges', { n: formatCount(pending) }),
      okText: t('imp.commit'), cancelText: t('common.cancel'), onOk: () => queueImport(),
    });
  };
  const running = !!job.data && (job.data.status === 'queued' || job.data.status === 'running');

  return (
    <div className="zgsz-page" data-testid="enterprise-import">
      <div className="zgsz-page-head">
        <Typography.Title level={4}>{t('imp.title')}</Typography.Title>
        {/* The template is the file in scope as it stands (its last column the version an edit must
            still match): written by an export job, as a province's file takes a minute to write. */}
        <ExportEnterprises filter={{}} label={t('imp.template')} />
      </div>
      <Card size="small">
        <Typography.Paragraph>{t('imp.help')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('imp.columns')}</Typography.Paragraph>
        <XlsxPicker file={file} onPick={pickFile} />
        <CheckImportButtons onSend={onSend} busy={queueing || running ? 'import' : busy} disabled={!file} testIdPrefix="import" />
      </Card>
      {error || queueError || job.error ? <div style={{ marginTop: 12 }}><ErrorAlert error={queueError ?? job.error ?? error} /></div> : null}
      {job.data && !job.data.report ? <JobProgress job={job.data} /> : null}
      {report ? <ReportView report={report} /> : null}
      <RecentImports current={jobId} onOpen={setJobId} />
    </div>
  );
}

/** One queued import, polled every second until it is done or failed (the report is asked for then). */
function useImportJob(id: string | null) {
  return useQuery({
    queryKey: ['import-jobs', id],
    enabled: !!id,
    queryFn: async () => {
      const polled = await request<ImportJob>('GET', `/enterprises/import-jobs/${id}`, { query: { report: false } });
      if (polled.status !== 'done') return polled;
      return request<ImportJob>('GET', `/enterprises/import-jobs/${id}`);
    },
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}

function JobProgress({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  if (job.status === 'failed') {
    return <Alert style={{ marginTop: 12 }} type="error" showIcon data-testid="import-job-failed" title={t('imp.jobFailed')} description={job.error?.message} />;
  }
  const percent = job.progress.total ? Math.floor((job.progress.done / job.progress.total) * 100) : 0;
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="import-job-progress">
      <Typography.Text>{job.status === 'queued' ? t('imp.jobQueued') : t('imp.jobRunning')}</Typography.Text>
      <Progress percent={percent} status="active" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('imp.jobLeave')}</Typography.Text>
    </Card>
  );
}

/** The officer's recent imports (newest first), each opening its report. */
function RecentImports({ current, onOpen }: { current: string | null; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const jobs = useQuery({
    queryKey: ['import-jobs', 'mine'],
    queryFn: () => request<ImportJob[]>('GET', '/enterprises/import-jobs'),
    refetchInterval: (q) => (q.state.data?.some((j) => j.status === 'queued' || j.status === 'running') ? 2000 : false),
  });
  if (!jobs.data?.length) return null;
  const state = (j: ImportJob) => {
    if (j.status === 'failed') return <Tag color="error">{t('imp.stFailed')}</Tag>;
    if (j.status !== 'done') return <Tag color="processing">{j.status === 'queued' ? t('imp.stQueued') : t('imp.stRunning')}</Tag>;
    if (j.summary?.committed) return <Tag color="success">{t('imp.stCommitted')}</Tag>;
    return j.summary?.errorsTotal ? <Tag color="warning">{t('imp.stRejected', { n: formatCount(j.summary.errorsTotal) })}</Tag> : <Tag>{t('imp.stChecked')}</Tag>;
  };
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('imp.recent')} data-testid="import-jobs">
      <Table<ImportJob> size="small" rowKey="id" pagination={false} dataSource={jobs.data}
        rowClassName={(j) => (j.id === current ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('imp.jobAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
          { title: t('imp.jobFile'), dataIndex: 'fileName', ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('imp.jobState'), key: 'state', width: 150, render: (_: unknown, j) => state(j) },
          {
            title: t('imp.jobCounts'), key: 'counts',
            render: (_: unknown, j) => (j.summary ? t('imp.summary', { rows: formatCount(j.summary.rows), created: formatCount(j.summary.created), updated: formatCount(j.summary.updated), unchanged: formatCount(j.summary.unchanged) }) : '—'),
          },
          { title: '', key: 'open', width: 90, render: (_: unknown, j) => <Button size="small" type="link" onClick={() => onOpen(j.id)}>{t('imp.jobOpen')}</Button> },
        ]} />
    </Card>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const ok = report.errors.length === 0;
  const title = !ok ? rejectedTitle(t, report) : report.committed ? t('imp.committed') : t('imp.checkedOk');
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="import-report">
      <Alert type={ok ? 'success' : 'error'} showIcon title={title} style={{ marginBottom: 12 }} />
      <Typography.Text data-testid="import-summary">
        {t('imp.summary', { rows: formatCount(report.rows), created: formatCount(report.created), updated: formatCount(report.updated), unchanged: formatCount(report.unchanged) })}
      </Typography.Text>
      {!ok ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('imp.errors')}</Typography.Title>
          <RowErrorTable errors={report.errors} testId="import-errors" columnWidth={180} />
        </>
      ) : null}
      {ok ? <ImportChangesTable changes={report.changes} total={report.changesTotal} committed={report.committed} testId="import-changes" /> : null}
    </Card>
  );
}
