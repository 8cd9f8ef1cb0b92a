// One queued import with its report, for whoever may read it (job.read: its officer, the city, a
// region officer for their own region).
import type { Executor } from '../../db/client.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { loadVisibleJob } from '../jobs/job-view.ts';
import { ENTERPRISE_IMPORT_KIND, presentImportJob } from './import-job-params.ts';

export async function getImportJob(db: Executor, actor: Actor, id: string, withReport: boolean) {
  assertPermission(actor, 'enterprises.import');
  const row = await loadVisibleJob(db, actor, id, ENTERPRISE_IMPORT_KIND, '该导入任务不存在或不在您的管辖范围内');
  return presentImportJob(withReport ? row : { ...row, result: undefined });
}
