// The file of a finished export, for whoever may read the job. The download is what the audit log
// records as the export (who took which filter's rows, and from which job): that is when personal
// data leaves the platform, and a city officer fetching a region officer's file is recorded as themselves.
import { Readable } from 'node:stream';
import type { Executor } from '../../db/client.ts';
import { readJobOutput } from '../../db/repositories/jobs-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import { recordExport } from '../audit/record-export.ts';
import { loadVisibleJob } from '../jobs/job-view.ts';
import { ENTERPRISE_EXPORT_KIND, EXPORT_FILE_NAME, EXPORT_KEEP_DAYS, type ExportJobParams, type ExportJobResult } from './export-job-params.ts';
import { EXPORT_NOT_FOUND } from './get-export-job.ts';

export async function downloadExportJob(db: Executor, actor: Actor, id: string): Promise<{ fileName: string; bytes: number; body: Readable }> {
  assertPermission(actor, 'enterprises.export');
  const job = await loadVisibleJob(db, actor, id, ENTERPRISE_EXPORT_KIND, EXPORT_NOT_FOUND);
  if (job.status !== 'done') {
    throw conflict(job.status === 'failed' ? '该导出任务失败,没有文件;请重新导出' : '导出尚未完成,请稍候(见任务进度)', 'status');
  }
  const chunks = readJobOutput(db, job.id, job.attempt);
  // The first chunk read before anything is sent: an expired file is a clear 404, not an empty download.
  const first = await chunks.next();
  if (first.done) throw notFound(`该导出文件已过期(完成后保留 ${EXPORT_KEEP_DAYS} 天),请重新导出`, 'id');
  const result = job.result as ExportJobResult;
  await recordExport(db, actor, { entity: 'enterprise', scope: { ...(job.params as ExportJobParams).filter, job: job.id }, rows: result.rows });
  return {
    fileName: EXPORT_FILE_NAME,
    bytes: result.bytes,
    body: Readable.from((async function* () { yield first.value; yield* chunks; })()),
  };
}
