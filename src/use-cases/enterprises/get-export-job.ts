// One queued export, for whoever may read it (job.read: its officer, the city, a region officer
// for their own region's).
import type { Executor } from '../../db/client.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { loadVisibleJob } from '../jobs/job-view.ts';
import { ENTERPRISE_EXPORT_KIND, presentExportJob } from './export-job-params.ts';

export const EXPORT_NOT_FOUND = '该导出任务不存在或不在您的管辖范围内';

export async function getExportJob(db: Executor, actor: Actor, id: string) {
  assertPermission(actor, 'enterprises.export');
  return presentExportJob(await loadVisibleJob(db, actor, id, ENTERPRISE_EXPORT_KIND, EXPORT_NOT_FOUND));
}
