// Withdraws a wrongly entered record (project, activity or event). Out-of-scope records answer
// NOT_FOUND like missing ones, so an officer cannot probe other regions' records; the deleted row
// stays in the audit log.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { assessmentActivities, assessmentEvents, assessmentProjects } from '../../db/schema/assessment.ts';
import type { Actor } from '../../domain/actor.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import { assertPermission, canWriteRegion } from '../../server/access/rules.ts';
import { canRead } from './assessment-scope.ts';
import { assertYearOpen } from './year-lock.ts';

const TABLES = {
  project: assessmentProjects,
  activity: assessmentActivities,
  event: assessmentEvents,
} as const;
const NAMES = { project: '项目记录', activity: '活动记录', event: '加减分事项' } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function deleteRecord(db: Db, actor: Actor, kind: keyof typeof TABLES, id: string): Promise<void> {
  assertPermission(actor, 'assessment.record');
  const table = TABLES[kind];
  await db.transaction(async (tx) => {
    const [row] = UUID.test(id) ? await tx.select().from(table).where(eq(table.id, id)).for('update') : [];
    if (!row || !canRead(actor, row.regionId)) throw notFound(`${NAMES[kind]} ${id} 不存在`, 'id');
    if (!canWriteRegion(actor, row.regionId)) throw forbidden();
    await assertYearOpen(tx, row.year);
    // 减分项 are the city's: an officer cannot withdraw a deduction recorded against their region.
    if (kind === 'event' && (row as typeof assessmentEvents.$inferSelect).direction === 'deduction') assertPermission(actor, 'assessment.deduct');
    await tx.delete(table).where(eq(table.id, id));
    await appendAudit(tx, actor, { action: 'delete', entity: `assessment_${kind}`, entityId: id, before: row });
  });
}
