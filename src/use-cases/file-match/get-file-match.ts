// One run with its result. The person who started it reads it; so do the city's officers, and a
// region officer a run over their own region. Others are told it does not exist.
import type { Executor } from '../../db/client.ts';
import { findJob } from '../../db/repositories/jobs-repository.ts';
import { assertPermission, can } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { FILE_MATCH_KIND } from './file-match-params.ts';
import { presentJob } from './present-file-match.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadFileMatch(db: Executor, actor: Actor, id: string) {
  assertPermission(actor, 'policies.match_file');
  const row = UUID.test(id) ? await findJob(db, id) : undefined;
  if (!row || row.kind !== FILE_MATCH_KIND || !can(actor, 'job.read', row)) throw notFound('该匹配任务不存在或不在您的管辖范围内', 'id');
  return row;
}

export async function getFileMatch(db: Executor, actor: Actor, id: string, withResult: boolean) {
  const row = await loadFileMatch(db, actor, id);
  return presentJob(withResult ? row : { ...row, result: undefined });
}
