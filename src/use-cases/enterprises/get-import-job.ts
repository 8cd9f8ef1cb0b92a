// One queued import with its report, for whoever may read it (job.read: its officer, the city, a
// region officer for their own region).
import type { Executor } from '../../db/client.ts';
import { findJob } from '../../db/repositories/jobs-repository.ts';
import { assertPermission, can } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { ENTERPRISE_IMPORT_KIND, presentImportJob } from './import-job-params.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getImportJob(db: Executor, actor: Actor, id: string, withReport: boolean) {
  assertPermission(actor, 'enterprises.import');
  const row = UUID.test(id) ? await findJob(db, id) : undefined;
  if (!row || row.kind !== ENTERPRISE_IMPORT_KIND || !can(actor, 'job.read', row)) throw notFound('该导入任务不存在或不在您的管辖范围内', 'id');
  return presentImportJob(withReport ? row : { ...row, result: undefined });
}
