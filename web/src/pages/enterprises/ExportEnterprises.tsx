// 导出 Excel as a background job: the button queues the export with the list's filter, a window
// follows its progress and downloads the file when it is written; the officer may close the window
// and fetch the file later from 导出记录 (kept for seven days). A file of a province's enterprises
// takes minutes to write; no request is held open meanwhile.
import { DownloadOutlined, HistoryOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Modal, Progress, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, download } from '../../api/client.ts';
import type { ExportJob } from '../../api/types.ts';
import { errorMessage } from '../../components/ErrorAlert.tsx';
import { JobStateTag } from '../../components/JobStateTag.tsx';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { chainLabel } from '../../lib/labels.ts';
import { useRegions } from '../../lib/regions.ts';

export interface ExportFilter { q?: string | undefined; regionId?: string | undefined; aboveScale?: string | undefined; chain?: string | undefined }

const finished = (j: ExportJob | undefined) => j?.status === 'done' || j?.status === 'failed';
const fetchFile = (id: string) => download(`/enterprises/export-jobs/${id}/file`, undefined, '企业档案.xlsx');

/**
 * The export button and the history button beside it, for the list's current filter (the import
 * page offers the whole file in scope as the template to fill in, under its own label).
 */
export function ExportEnterprises({ filter, label }: { filter: ExportFilter; label?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const fetched = useRef<string | null>(null);

  const job = useQuery({
    queryKey: ['export-jobs', jobId],
    enabled: !!jobId,
    queryFn: () => api.get<ExportJob>(`/enterprises/export-jobs/${jobId}`),
    refetchInterval: (q) => (finished(q.state.data) ? false : 1000),
  });

  // Written: downloaded once, and the window closes.
  useEffect(() => {
    const j = job.data;
    if (!j || j.status !== 'done' || fetched.current === j.id) return;
    fetched.current = j.id;
    fetchFile(j.id).then(() => {
      message.success(t('exp.done', { rows: formatCount(j.rows ?? 0) }));
      setJobId(null);
    }, (e: unknown) => message.error(errorMessage(e)));
  }, [job.data, message, t]);

  const start = async () => {
    setStarting(true);
    try {
      const body = {
        ...(filter.q && { q: filter.q }), ...(filter.regionId && { regionId: filter.regionId }),
        ...(filter.aboveScale && { aboveScale: filter.aboveScale === 'true' }), ...(filter.chain && { chain: filter.chain }),
      };
      setJobId((await api.post<ExportJob>('/enterprises/export-jobs', body)).id);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setStarting(false);
    }
  };

  const j = job.data;
  const percent = j?.progress.total ? Math.floor((j.progress.done / j.progress.total) * 100) : 0;
  return (
    <>
      <Space.Compact>
        <Button icon={<DownloadOutlined />} loading={starting} onClick={() => void start()} data-testid="export-start">{label ?? t('ent.export')}</Button>
        <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} title={t('exp.history')} aria-label={t('exp.history')} data-testid="export-history" />
      </Space.Compact>
      <Modal
        open={!!jobId} title={t('exp.title')} onCancel={() => setJobId(null)} maskClosable={false}
        footer={<Button onClick={() => setJobId(null)}>{j?.status === 'failed' ? t('common.confirm') : t('exp.background')}</Button>}
      >
        <div data-testid="export-progress">
          {j?.status === 'failed' ? (
            <Alert type="error" showIcon title={t('exp.failed')} description={j.error?.message} />
          ) : (
            <>
              <Typography.Text>
                {!j || j.status === 'queued' ? t('exp.queued') : t('exp.running', { done: formatCount(j.progress.done), total: formatCount(j.progress.total) })}
              </Typography.Text>
              <Progress percent={j?.status === 'done' ? 100 : percent} status={j?.status === 'done' ? 'success' : 'active'} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('exp.leave')}</Typography.Text>
            </>
          )}
        </div>
      </Modal>
      <Drawer open={historyOpen} onClose={() => setHistoryOpen(false)} title={t('exp.history')} size="large" destroyOnHidden>
        <ExportHistory />
      </Drawer>
    </>
  );
}

/** The officer's recent exports, newest first, each downloadable while its file is kept. */
function ExportHistory() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { name: regionName } = useRegions();
  const jobs = useQuery({
    queryKey: ['export-jobs', 'mine'],
    queryFn: () => api.get<ExportJob[]>('/enterprises/export-jobs'),
    refetchInterval: (q) => (q.state.data?.some((j) => !finished(j)) ? 2000 : false),
  });
  const filterText = (f: ExportJob['filter']) => {
    const parts = [
      f.q ? `“${f.q}”` : null, f.regionId ? regionName(f.regionId) : null,
      f.aboveScale === undefined ? null : f.aboveScale ? t('ent.scale.above') : t('ent.scale.below'),
      f.chain ? chainLabel(f.chain, lang) : null,
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : t('exp.all');
  };
  const fileCell = (j: ExportJob) => {
    if (j.status !== 'done') return j.status === 'failed' ? <Typography.Text type="secondary">{j.error?.message}</Typography.Text> : `${formatCount(j.progress.done)} / ${formatCount(j.progress.total)}`;
    // The server drops the file seven days after it was written; the job stays in the list.
    if (j.expiresAt && Date.parse(j.expiresAt) < Date.now()) return <Typography.Text type="secondary">{t('exp.expired')}</Typography.Text>;
    return (
      <Button size="small" type="link" icon={<DownloadOutlined />} data-testid="export-download"
        onClick={() => void fetchFile(j.id).catch((e: unknown) => message.error(errorMessage(e)))}>
        {t('exp.download')}
      </Button>
    );
  };
  return (
    <Table<ExportJob>
      size="small" rowKey="id" pagination={false} dataSource={jobs.data ?? []} loading={jobs.isLoading}
      locale={{ emptyText: t('exp.empty') }} data-testid="export-jobs"
      columns={[
        { title: t('exp.at'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
        { title: t('exp.filter'), key: 'filter', ellipsis: true, render: (_: unknown, j) => filterText(j.filter) },
        { title: t('exp.state'), key: 'state', width: 90, render: (_: unknown, j) => <JobStateTag status={j.status} /> },
        { title: t('exp.rows'), dataIndex: 'rows', width: 110, align: 'right', render: (v: number | null) => (v === null ? '—' : formatCount(v)) },
        { title: '', key: 'file', width: 120, render: (_: unknown, j) => fileCell(j) },
      ]}
    />
  );
}
