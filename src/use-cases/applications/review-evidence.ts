// Each evidence file is reviewed on its own by whoever may act on the current step: accepted, or
// needs correction with a note (the applicant then uploads a corrected file after a return).
import type { Db } from '../../db/client.ts';
import { findEvidence, lockApplication, updateEvidence } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { stepRefusal } from '../../domain/workflow/kernel.ts';
import { conflict } from '../../domain/errors.ts';
import { evidenceReviewSchema } from './application-input.ts';
import { chainOf, loadApplicationFor, stateOf, subjectOf } from './application-support.ts';

export async function reviewEvidence(db: Db, actor: Actor, applicationId: string, evidenceId: string, raw: unknown) {
  assertPermission(actor, 'applications.review');
  const input = parseOrThrow(evidenceReviewSchema, raw);
  return db.transaction(async (tx) => {
    const app = await loadApplicationFor(tx, actor, applicationId, 'application.read', {}, lockApplication);
    if (app.status !== 'in_review') throw conflict('只能在审核中核查材料', 'status');
    const { chain } = await chainOf(tx, app);
    const refusal = stepRefusal(chain, stateOf(app), actor, await subjectOf(tx, app, chain));
    if (refusal) throw refusal;
    const ev = /^[0-9a-f-]{36}$/i.test(evidenceId) ? await findEvidence(tx, app.id, evidenceId) : undefined;
    if (!ev || ev.removed) throw notFound('材料不存在', 'evidenceId');
    const row = await updateEvidence(tx, ev.id, { status: input.status, reviewNote: input.note ?? null, reviewedBy: actor.displayName ?? actor.name, reviewedAt: new Date() });
    await appendAudit(tx, actor, { action: 'review', entity: 'application_evidence', entityId: ev.id, before: { status: ev.status }, after: { status: row.status, note: row.reviewNote } });
    return { id: row.id, status: row.status as 'accepted' | 'needs_correction', reviewNote: row.reviewNote, reviewedBy: row.reviewedBy };
  });
}
