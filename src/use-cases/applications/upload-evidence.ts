// A file for one checklist item of an application (or of its 验收): recognised by its content,
// hashed, stored once by SHA-256 and linked to the item. The same bytes offered in another
// application are flagged to its reviewers (比对查重), not refused.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../db/client.ts';
import { insertEvidence, lockApplication, upsertStoredFile } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { checkFileName, checkFileType } from '../../domain/files/allowed-types.ts';
import type { FileStore } from '../../io/file-store.ts';
import { checklistOf, loadApplicationFor, policyMeasure } from './application-support.ts';

export interface UploadInput {
  itemId: string;
  fileName: unknown;
  stage: 'application' | 'acceptance';
  data: Buffer;
}

export async function uploadEvidence(db: Db, actor: Actor, applicationId: string, input: UploadInput, files: FileStore) {
  assertPermission(actor, 'files.upload');
  const fileName = checkFileName(input.fileName);
  if (!input.data.length) throw invalid('file', '文件为空');
  const type = checkFileType(await fileTypeFromBuffer(input.data), fileName);
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  return db.transaction(async (tx) => {
    const app = await loadApplicationFor(tx, actor, applicationId, 'application.read', {}, lockApplication);
    if (input.stage === 'application') await loadApplicationFor(tx, actor, applicationId, 'application.edit', { status: app.status });
    else await loadApplicationFor(tx, actor, applicationId, 'application.accept', { status: app.status, acceptance: app.acceptance });
    const { policy, measure } = policyMeasure(app.policyId, app.measureId);
    const items = checklistOf(policy, measure, input.stage);
    const item = items.find((i) => i.id === input.itemId);
    if (!item) throw invalid('item', `材料项须为:${items.map((i) => `${i.id}(${i.label})`).join('、')}`);
    // Stored before the row that points at it; a rolled-back upload leaves an unreferenced file.
    await files.put(sha256, input.data);
    await upsertStoredFile(tx, { sha256, size: input.data.length, mime: type.mime, ext: type.ext });
    const row = await insertEvidence(tx, {
      applicationId: app.id, itemId: item.id, sha256, fileName, stage: input.stage, uploadedBy: actor.displayName ?? actor.name,
    });
    await appendAudit(tx, actor, { action: 'upload', entity: 'application_evidence', entityId: row.id, after: { applicationId: app.id, itemId: item.id, fileName, sha256, size: input.data.length, mime: type.mime } });
    return { id: row.id, itemId: row.itemId, fileName: row.fileName, sha256, mime: type.mime, size: input.data.length, status: row.status as 'pending' };
  });
}
