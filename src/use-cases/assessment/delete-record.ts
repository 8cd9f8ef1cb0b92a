// Withdraws a wrongly entered record (project, activity or event). Out-of-scope records answer
// NOT_FOUND like missing ones, so an officer cannot probe other regions' records; the deleted row
// stays in the audit log.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { deleteRecordRow, lockRecord, type RecordKind } from '../../db/repositories/assessment-records-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { assertYearOpen } from './year-lock.ts';

const NAMES: Record<RecordKind, string> = { project: '项目记录', activity: '活动记录', event: '加减分事项' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function deleteRecord(db: Db, actor: Actor, kind: RecordKind, id: string): Promise<void> {
  assertPermission(actor, 'assessment.record');
  await db.transaction(async (tx) => {
    const row = UUID.test(id) ? await lockRecord(tx, kind, id) : undefined;
    if (!row) throw notFound(`${NAMES[kind]}不存在或不在您的管辖范围内`, 'id');
    authorize(actor, 'assessment.delete', { regionId: row.regionId, kind, direction: 'direction' in row ? row.direction : null });
    await assertYearOpen(tx, row.year);
    await deleteRecordRow(tx, kind, id);
    await appendAudit(tx, actor, { action: 'delete', entity: `assessment_${kind}`, entityId: id, before: row });
  });
}
