// An evidence file, for whoever may read its application: served as an attachment with the type
// recognised at upload, never as a page. Everyone else gets NOT_FOUND.
import type { Executor } from '../../db/client.ts';
import { findEvidence, findStoredFile } from '../../db/repositories/application-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import type { FileStore } from '../../io/file-store.ts';
import { loadApplicationFor } from './application-support.ts';

export async function downloadEvidence(db: Executor, actor: Actor, applicationId: string, evidenceId: string, files: FileStore) {
  assertPermission(actor, 'files.read');
  const app = await loadApplicationFor(db, actor, applicationId, 'application.read', {});
  const ev = /^[0-9a-f-]{36}$/i.test(evidenceId) ? await findEvidence(db, app.id, evidenceId) : undefined;
  const meta = ev ? await findStoredFile(db, ev.sha256) : undefined;
  const stream = meta ? files.open(meta.sha256) : null;
  if (!ev || !meta || !stream) throw notFound('文件不存在', 'evidenceId');
  return { stream, mime: meta.mime, fileName: ev.fileName, size: meta.size };
}
