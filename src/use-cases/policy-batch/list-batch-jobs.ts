// The batch runs a person queued, newest first, each with its totals (not its lists), so a result
// can be opened again after leaving the page.
import type { Executor } from '../../db/client.ts';
import { BATCH_SUMMARY, jobCreatorIs, listJobs } from '../../db/repositories/jobs-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { POLICY_BATCH_KIND, presentBatchJob } from './batch-job-params.ts';

export async function listBatchJobs(db: Executor, actor: Actor, limit: number) {
  assertPermission(actor, 'policies.batch');
  const rows = await listJobs(db, POLICY_BATCH_KIND, jobCreatorIs(actor.userId), limit, BATCH_SUMMARY);
  return rows.map((r) => presentBatchJob(r));
}
