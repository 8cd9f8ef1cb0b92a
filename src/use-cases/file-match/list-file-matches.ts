// The runs a person started, newest first, so a result can be found after leaving the page.
import type { Executor } from '../../db/client.ts';
import { jobCreatorIs, listJobs } from '../../db/repositories/jobs-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { FILE_MATCH_KIND } from './file-match-params.ts';
import { presentJob } from './present-file-match.ts';

export async function listFileMatches(db: Executor, actor: Actor, limit: number) {
  assertPermission(actor, 'policies.match_file');
  const rows = await listJobs(db, FILE_MATCH_KIND, jobCreatorIs(actor.userId), limit);
  return rows.map((r) => presentJob(r));
}
