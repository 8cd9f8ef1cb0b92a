// An officer asks for the enterprise file as .xlsx: the request is queued as a job (their filter,
// within their scope); whichever instance claims it writes the workbook (run-export-job.ts).
import type { Executor } from '../../db/client.ts';
import type { EnterpriseFilter } from '../../db/repositories/enterprise-repository.ts';
import { insertJob } from '../../db/repositories/jobs-repository.ts';
import { assertPermission, dataScope } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { ENTERPRISE_EXPORT_KIND, type ExportJobParams, givenFilter, presentExportJob } from './export-job-params.ts';

export async function startExportJob(db: Executor, actor: Actor, filter: EnterpriseFilter) {
  assertPermission(actor, 'enterprises.export');
  const scope = dataScope(actor);
  const params: ExportJobParams = {
    filter: givenFilter(filter),
    actor: { userId: actor.userId, name: actor.name, displayName: actor.displayName ?? actor.name, role: actor.role, regionId: actor.regionId, enterpriseId: actor.enterpriseId, ip: actor.ip },
  };
  const row = await insertJob(db, {
    kind: ENTERPRISE_EXPORT_KIND, params, regionId: scope.kind === 'region' ? scope.regionId : null,
    createdBy: actor.userId, createdByName: actor.displayName ?? actor.name,
  });
  return presentExportJob(row);
}
