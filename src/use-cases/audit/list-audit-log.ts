// The audit log as people read it: newest first, filtered by person, time, action and record, each
// entry with its field-level changes beside the raw before/after.
import type { Executor } from '../../db/client.ts';
import { type AuditFilter, listAudit } from '../../db/repositories/audit-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { auditChanges } from '../../domain/audit/diff.ts';

export async function listAuditLog(db: Executor, actor: Actor, filter: AuditFilter) {
  assertPermission(actor, 'audit.read');
  const rows = await listAudit(db, filter);
  return rows.map((r) => {
    const { changes, truncated } = auditChanges(r.before, r.after);
    return {
      seq: r.seq, at: r.at.toISOString(), actorId: r.actorId, actorName: r.actorName, action: r.action, entity: r.entity, entityId: r.entityId,
      before: r.before, after: r.after, changes, changesTruncated: truncated, ip: r.ip, result: r.result, hash: r.hash,
    };
  });
}
