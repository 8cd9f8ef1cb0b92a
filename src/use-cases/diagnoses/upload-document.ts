// A document of a diagnosis: the provider files the 合作协议, 采购合同 and 诊断报告; the supervisor
// files checkpoint evidence. Recognised by content, stored once by SHA-256, like application evidence.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../db/client.ts';
import { upsertStoredFile } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { insertDiagnosisDocument, lockDiagnosis } from '../../db/repositories/diagnosis-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { checkFileName, checkFileType } from '../../domain/files/allowed-types.ts';
import type { FileStore } from '../../io/file-store.ts';
import { loadDiagnosisFor } from './diagnosis-support.ts';

export const DOCUMENT_KINDS = { agreement: '合作协议', contract: '采购合同', report: '诊断报告', checkpoint: '监理检查材料' } as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export async function uploadDiagnosisDocument(db: Db, actor: Actor, id: string, input: { kind: unknown; fileName: unknown; data: Buffer }, files: FileStore) {
  assertPermission(actor, 'diagnoses.upload');
  if (typeof input.kind !== 'string' || !Object.hasOwn(DOCUMENT_KINDS, input.kind)) {
    throw invalid('kind', `材料类型须为:${Object.entries(DOCUMENT_KINDS).map(([k, v]) => `${k}(${v})`).join('、')}`);
  }
  const kind = input.kind as DocumentKind;
  const fileName = checkFileName(input.fileName);
  if (!input.data.length) throw invalid('file', '文件为空');
  const type = checkFileType(await fileTypeFromBuffer(input.data), fileName);
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  return db.transaction(async (tx) => {
    const d = await loadDiagnosisFor(tx, actor, id, kind === 'checkpoint' ? 'diagnosis.supervise' : 'diagnosis.deliver', lockDiagnosis);
    if (kind !== 'checkpoint') {
      const open = kind === 'report' ? ['contracted', 'on_site'] : ['dispatched', 'contracted'];
      if (!open.includes(d.status)) throw conflict(`${DOCUMENT_KINDS[kind]}须在${kind === 'report' ? '签约后、提交报告前' : '派单后、进场前'}上传`, 'status');
    } else if (['requested', 'paid', 'cancelled'].includes(d.status)) {
      throw conflict('该诊断不在监理期间', 'status');
    }
    await files.put(sha256, input.data);
    await upsertStoredFile(tx, { sha256, size: input.data.length, mime: type.mime, ext: type.ext });
    const row = await insertDiagnosisDocument(tx, { diagnosisId: d.id, kind, sha256, fileName, uploadedBy: actor.displayName ?? actor.name });
    await appendAudit(tx, actor, { action: 'upload', entity: 'diagnosis_document', entityId: row.id, after: { diagnosisId: d.id, kind, fileName, sha256, size: input.data.length } });
    return { id: row.id, kind, fileName, sha256, mime: type.mime, size: input.data.length };
  });
}
