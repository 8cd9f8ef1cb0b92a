// An officer's workbook queued for import: stored with the job in the database, so any instance
// may run it and the officer may leave the page and find the result later. Checked here only as
// far as is cheap (permission, type, size); the import itself checks every row when it runs.
import type { Db } from '../../db/client.ts';
import { insertJobWithInput } from '../../db/repositories/jobs-repository.ts';
import { assertPermission, dataScope } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { overLimit, type UploadLimits } from '../../io/upload-limits.ts';
import { ENTERPRISE_IMPORT_KIND, type ImportJobParams, presentImportJob } from './import-job-params.ts';

/** A .xlsx is a zip: anything else is refused before it is stored. */
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function startImportJob(db: Db, actor: Actor, file: Buffer, opts: { dryRun: boolean; fileName?: string | null | undefined; limits: UploadLimits }) {
  assertPermission(actor, 'enterprises.import');
  if (file.length > opts.limits.bytes) throw overLimit(opts.limits, 'bytes');
  if (!file.subarray(0, 4).equals(ZIP_SIGNATURE)) throw invalid('file', '文件不是 .xlsx 工作簿(应为 Excel 2007 及以上格式);请另存为 .xlsx 后再上传');
  const fileName = opts.fileName?.slice(0, 200) ?? null;
  const scope = dataScope(actor);
  const params: ImportJobParams = {
    dryRun: opts.dryRun, fileName, bytes: file.length, limits: opts.limits,
    // The address it was sent from goes on the audit entries, as for an import made while waiting.
    actor: { userId: actor.userId, name: actor.name, displayName: actor.displayName ?? actor.name, role: actor.role, regionId: actor.regionId, enterpriseId: actor.enterpriseId, ip: actor.ip },
  };
  const row = await insertJobWithInput(db, {
    kind: ENTERPRISE_IMPORT_KIND, params, regionId: scope.kind === 'region' ? scope.regionId : null,
    createdBy: actor.userId, createdByName: actor.displayName ?? actor.name,
  }, file);
  return presentImportJob(row);
}
