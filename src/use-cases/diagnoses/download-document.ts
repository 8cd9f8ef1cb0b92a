// Whoever may read a diagnosis may read its documents; the bytes come from the file store.
import type { Db } from '../../db/client.ts';
import { findStoredFile } from '../../db/repositories/application-repository.ts';
import { findDiagnosisDocument } from '../../db/repositories/diagnosis-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import type { FileStore } from '../../io/file-store.ts';
import { loadDiagnosisFor } from './diagnosis-support.ts';

export async function downloadDiagnosisDocument(db: Db, actor: Actor, id: string, documentId: string, files: FileStore) {
  assertPermission(actor, 'diagnoses.read');
  const d = await loadDiagnosisFor(db, actor, id, 'diagnosis.read');
  const doc = /^[0-9a-f-]{36}$/i.test(documentId) ? await findDiagnosisDocument(db, d.id, documentId) : undefined;
  if (!doc) throw notFound('材料不存在', 'documentId');
  const meta = await findStoredFile(db, doc.sha256);
  const stream = meta ? files.open(meta.sha256) : null;
  if (!meta || !stream) throw notFound('文件已不在文件库中', 'documentId');
  return { stream, mime: meta.mime, fileName: doc.fileName, size: meta.size };
}
