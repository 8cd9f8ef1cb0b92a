// 申诉: an organisation appeals a sanction; the city decides. Upheld restores its standing.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockServiceOrg, updateServiceOrg } from '../../db/repositories/service-org-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, DomainError } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { appealSchema, decideAppealSchema } from './org-input.ts';
import { loadOrg, orgDetail, recordOrgEvent } from './org-support.ts';

type Appeal = { text: string; filedOn: string; status: 'open' | 'upheld' | 'dismissed'; decision?: string };

export async function fileAppeal(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'providers.appeal');
  const input = parseOrThrow(appealSchema, raw);
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, id, lockServiceOrg);
    if (actor.organisationId !== org.id) throw new DomainError('NOT_FOUND', '服务机构不存在', 'id');
    if (!['warned', 'rectifying', 'suspended', 'removed'].includes(org.standing)) throw conflict('只有被警告、限期整改、暂停或取消资格时才能申诉', 'standing');
    if ((org.appeal as Appeal | null)?.status === 'open') throw conflict('已有申诉在处理中', 'appeal');
    const appeal: Appeal = { text: input.text, filedOn: today, status: 'open' };
    const row = await updateServiceOrg(tx, org.id, input.version, { appeal });
    await recordOrgEvent(tx, actor, org.id, 'appeal', `提出申诉:${input.text}`);
    await appendAudit(tx, actor, { action: 'appeal', entity: 'service_org', entityId: org.id, after: appeal });
    return orgDetail(tx, row);
  });
}

export async function decideAppeal(db: Db, actor: Actor, id: string, raw: unknown) {
  assertPermission(actor, 'providers.manage');
  const input = parseOrThrow(decideAppealSchema, raw);
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, id, lockServiceOrg);
    authorize(actor, 'org.review', { regionId: org.regionId });
    const appeal = org.appeal as Appeal | null;
    if (appeal?.status !== 'open') throw conflict('没有待处理的申诉', 'appeal');
    const decided: Appeal = { ...appeal, status: input.upheld ? 'upheld' : 'dismissed', decision: input.decision };
    const row = await updateServiceOrg(tx, org.id, input.version, input.upheld
      ? { appeal: decided, standing: 'good', standingReason: null, rectifyBy: null }
      : { appeal: decided });
    await recordOrgEvent(tx, actor, org.id, 'appeal_decided', `申诉${input.upheld ? '成立,恢复正常' : '不成立'}:${input.decision}`);
    await appendAudit(tx, actor, { action: 'decide_appeal', entity: 'service_org', entityId: org.id, after: decided });
    return orgDetail(tx, row);
  });
}
