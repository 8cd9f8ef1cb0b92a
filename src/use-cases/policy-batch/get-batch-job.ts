// One queued batch run with its result, for whoever may read it (job.read: its officer, the city).
import type { Executor } from '../../db/client.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { loadVisibleJob } from '../jobs/job-view.ts';
import { POLICY_BATCH_KIND, presentBatchJob } from './batch-job-params.ts';

export async function getBatchJob(db: Executor, actor: Actor, id: string, withResult: boolean) {
  assertPermission(actor, 'policies.batch');
  const row = await loadVisibleJob(db, actor, id, POLICY_BATCH_KIND, '该批量测算任务不存在或不在您的管辖范围内');
  // Polling asks for the state only: the result (with its match list) is read once, when done.
  const { result: _result, ...state } = row;
  return presentBatchJob(withResult ? row : { ...state, summary: null });
}
