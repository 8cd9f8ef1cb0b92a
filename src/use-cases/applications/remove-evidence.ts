// The applicant takes back a file offered by mistake (draft or returned only); the row is kept,
// marked removed, so the history of what was offered stays.
import type { Db } from '../../db/client.ts';
import { findEvidence, lockApplication, updateEvidence } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { loadApplicationFor } from './application-support.ts';

export async function removeEvidence(db: Db, actor: Actor, applicationId: string, evidenceId: string): Promise<void> {
  assertPermission(actor, 'files.upload');
  await db.transaction(async (tx) => {
    const app = await loadApplicationFor(tx, actor, applicationId, 'application.read', {}, lockApplication);
    await loadApplicationFor(tx, actor, applicationId, 'application.edit', { status: app.status });
    const ev = /^[0-9a-f-]{36}$/i.test(evidenceId) ? await findEvidence(tx, app.id, evidenceId) : undefined;
    if (!ev || ev.removed) throw notFound('材料不存在', 'evidenceId');
    await updateEvidence(tx, ev.id, { removed: true });
    await appendAudit(tx, actor, { action: 'remove', entity: 'application_evidence', entityId: ev.id, before: { fileName: ev.fileName, itemId: ev.itemId } });
  });
}
