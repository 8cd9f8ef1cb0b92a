// 动态管理: 警告, 限期整改, 暂停, 取消资格 and 恢复, each with a reason (research §1.5, SECONDARY:
// Xinxiang's 动态调整). A suspended or removed provider is not dispatched.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockServiceOrg, updateServiceOrg } from '../../db/repositories/service-org-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { applySanction, SANCTION_LABELS, type Standing } from '../../domain/diagnosis/admission.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { sanctionSchema } from './org-input.ts';
import { loadOrg, orgDetail, recordOrgEvent } from './org-support.ts';

export async function sanctionOrg(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'providers.manage');
  const input = parseOrThrow(sanctionSchema, raw);
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, id, lockServiceOrg);
    const standing = applySanction(org.standing as Standing, input.action, input.rectifyBy, today);
    const row = await updateServiceOrg(tx, org.id, input.version, {
      standing, standingReason: input.action === 'restore' ? null : input.reason, rectifyBy: input.action === 'rectify' ? input.rectifyBy! : null,
    });
    await recordOrgEvent(tx, actor, org.id, input.action, `${SANCTION_LABELS[input.action]}${input.rectifyBy ? `(期限 ${input.rectifyBy})` : ''}。理由:${input.reason}`);
    await appendAudit(tx, actor, { action: `sanction_${input.action}`, entity: 'service_org', entityId: org.id, after: { standing, reason: input.reason } });
    return orgDetail(tx, row);
  });
}
