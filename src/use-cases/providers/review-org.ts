// 年度复核 (the 成渝 pool's yearly review of last year's providers — research §1.5, SECONDARY): the
// city records the result; passing moves the next review a year on, failing suspends.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockServiceOrg, updateServiceOrg } from '../../db/repositories/service-org-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { addYears } from '../../domain/diagnosis/admission.ts';
import { conflict } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { yearlyReviewSchema } from './org-input.ts';
import { loadOrg, orgDetail, recordOrgEvent } from './org-support.ts';

export async function yearlyReview(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'providers.manage');
  const input = parseOrThrow(yearlyReviewSchema, raw);
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, id, lockServiceOrg);
    if (org.status !== 'approved' || org.standing === 'removed') throw conflict('只有在库机构才能复核', 'status');
    const row = await updateServiceOrg(tx, org.id, input.version, input.passed
      ? { reviewDueOn: addYears(today, 1) }
      : { standing: 'suspended', standingReason: `年度复核不通过:${input.note}` });
    await recordOrgEvent(tx, actor, org.id, 'yearly_review', `年度复核${input.passed ? `通过,下次复核 ${addYears(today, 1)} 前` : '不通过,暂停派单'}:${input.note}`);
    await appendAudit(tx, actor, { action: 'yearly_review', entity: 'service_org', entityId: org.id, after: input });
    return orgDetail(tx, row);
  });
}
