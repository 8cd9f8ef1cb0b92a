// Real-name objections during an admission's 公示 (anonymous ones are not accepted, as the Suzhou
// and Shenzhen notices say — research §1.3); an open objection blocks 入库 (the kernel refuses).
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { insertOrgObjection, lockServiceOrg, resolveOrgObjection } from '../../db/repositories/service-org-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { orgObjectionSchema, resolveObjectionSchema } from './org-input.ts';
import { loadOrg, orgDetail, recordOrgEvent } from './org-support.ts';

export async function recordOrgObjection(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'providers.manage');
  const input = parseOrThrow(orgObjectionSchema, raw);
  if (input.receivedOn > today) throw invalid('receivedOn', `收到日期晚于今天(${today})`);
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, id, lockServiceOrg);
    if (org.status !== 'in_publicity') throw conflict('该机构不在公示期,不受理异议', 'status');
    await insertOrgObjection(tx, { orgId: org.id, ...input, recordedBy: actor.displayName ?? actor.name });
    await recordOrgEvent(tx, actor, org.id, 'objection', `收到实名异议(${input.name})`);
    await appendAudit(tx, actor, { action: 'objection', entity: 'service_org', entityId: org.id, after: { name: input.name, receivedOn: input.receivedOn } });
    return orgDetail(tx, org);
  });
}

export async function resolveOrgObjectionCase(db: Db, actor: Actor, id: string, objectionId: string, raw: unknown) {
  assertPermission(actor, 'providers.manage');
  const input = parseOrThrow(resolveObjectionSchema, raw);
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, id, lockServiceOrg);
    const row = /^[0-9a-f-]{36}$/i.test(objectionId) ? await resolveOrgObjection(tx, org.id, objectionId, input.status, input.resolution) : undefined;
    if (!row) throw conflict('该异议不存在或已处理', 'objectionId');
    await recordOrgEvent(tx, actor, org.id, 'objection_resolved', `异议${input.status === 'upheld' ? '成立' : '不成立'}:${input.resolution}`);
    await appendAudit(tx, actor, { action: 'resolve_objection', entity: 'service_org', entityId: org.id, after: input });
    return orgDetail(tx, org);
  });
}
