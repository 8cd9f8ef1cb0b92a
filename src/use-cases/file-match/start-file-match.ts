// An officer asks for 免申即享 over the enterprise file: the request is checked and queued as a job;
// whichever instance claims it runs it (run-file-match.ts).
import type { Db } from '../../db/client.ts';
import { insertJob } from '../../db/repositories/jobs-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { FILE_MATCH_KIND, resolveFileMatchParams } from './file-match-params.ts';
import { presentJob } from './present-file-match.ts';

export async function startFileMatch(db: Db, actor: Actor, raw: unknown) {
  assertPermission(actor, 'policies.match_file');
  const { params, region } = resolveFileMatchParams(raw, actor);
  const row = await insertJob(db, {
    kind: FILE_MATCH_KIND, params, regionId: region,
    createdBy: actor.userId, createdByName: actor.displayName ?? actor.name,
  });
  return presentJob(row);
}
