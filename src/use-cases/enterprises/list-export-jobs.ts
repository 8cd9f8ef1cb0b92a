// The exports a person queued, newest first, so a file can be fetched after leaving the page.
import type { Executor } from '../../db/client.ts';
import { jobCreatorIs, jobResultFields, listJobs } from '../../db/repositories/jobs-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { ENTERPRISE_EXPORT_KIND, presentExportJob } from './export-job-params.ts';

export async function listExportJobs(db: Executor, actor: Actor, limit: number) {
  assertPermission(actor, 'enterprises.export');
  const rows = await listJobs(db, ENTERPRISE_EXPORT_KIND, jobCreatorIs(actor.userId), limit, jobResultFields('rows', 'bytes'));
  return rows.map((r) => presentExportJob(r));
}
