// The imports a person queued, newest first (with their counts, not their error lists), so a
// result can be found after leaving the page.
import type { Executor } from '../../db/client.ts';
import { jobCreatorIs, jobResultFields, listJobs } from '../../db/repositories/jobs-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { ENTERPRISE_IMPORT_KIND, presentImportJob } from './import-job-params.ts';

const SUMMARY = jobResultFields('dryRun', 'committed', 'rows', 'created', 'updated', 'unchanged', 'errorsTotal', 'changesTotal');

export async function listImportJobs(db: Executor, actor: Actor, limit: number) {
  assertPermission(actor, 'enterprises.import');
  const rows = await listJobs(db, ENTERPRISE_IMPORT_KIND, jobCreatorIs(actor.userId), limit, SUMMARY);
  return rows.map((r) => presentImportJob(r));
}
