// 证明材料 for monthly reports: uploaded first (recognised by content, stored once by SHA-256),
// then cited by the report that rests on them. Whoever may read the plan may download a file a
// report cites; a file no report cites is not served.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../db/client.ts';
import { findStoredFile, upsertStoredFile } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findReport } from '../../db/repositories/plan-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { checkFileName, checkFileType } from '../../domain/files/allowed-types.ts';
import type { FileStore } from '../../io/file-store.ts';

export async function uploadPlanEvidence(db: Db, actor: Actor, input: { fileName: unknown; data: Buffer }, files: FileStore) {
  assertPermission(actor, 'plan.report');
  const fileName = checkFileName(input.fileName);
  if (!input.data.length) throw invalid('file', '文件为空');
  const type = checkFileType(await fileTypeFromBuffer(input.data), fileName);
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  await files.put(sha256, input.data);
  return db.transaction(async (tx) => {
    await upsertStoredFile(tx, { sha256, size: input.data.length, mime: type.mime, ext: type.ext });
    await appendAudit(tx, actor, { action: 'upload', entity: 'plan_evidence', entityId: sha256, after: { fileName, sha256 } });
    return { sha256, fileName, mime: type.mime, size: input.data.length };
  });
}

export async function downloadPlanEvidence(db: Db, actor: Actor, reportId: string, sha256: string, files: FileStore) {
  assertPermission(actor, 'plan.read');
  const report = /^[0-9a-f-]{36}$/i.test(reportId) ? await findReport(db, reportId) : undefined;
  if (!report) throw notFound('报送记录不存在', 'id');
  if (report.regionId) authorize(actor, 'plan.region', { regionId: report.regionId });
  const cited = report.evidence.find((e) => e.sha256 === sha256);
  const meta = cited ? await findStoredFile(db, sha256) : undefined;
  const stream = meta ? files.open(meta.sha256) : null;
  if (!cited || !meta || !stream) throw notFound('文件不存在', 'sha256');
  return { stream, mime: meta.mime, fileName: cited.fileName, size: meta.size };
}
