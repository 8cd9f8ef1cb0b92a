// One run with its result. The person who started it reads it; so do the city's officers, and a
// region officer a run over their own region (job.read). Others are told it does not exist.
import type { Executor } from '../../db/client.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { loadVisibleJob } from '../jobs/job-view.ts';
import { FILE_MATCH_KIND } from './file-match-params.ts';
import { presentJob } from './present-file-match.ts';

export async function loadFileMatch(db: Executor, actor: Actor, id: string) {
  assertPermission(actor, 'policies.match_file');
  return loadVisibleJob(db, actor, id, FILE_MATCH_KIND, '该匹配任务不存在或不在您的管辖范围内');
}

export async function getFileMatch(db: Executor, actor: Actor, id: string, withResult: boolean) {
  const row = await loadFileMatch(db, actor, id);
  return presentJob(withResult ? row : { ...row, result: undefined });
}
