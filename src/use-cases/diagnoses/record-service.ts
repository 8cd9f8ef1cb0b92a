// 苏州 (六) 顾问咨询 and (七) 数据采集: the provider records each service it delivered, to an
// enterprise on file, so the yearly figures are counted from records rather than reported totals.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { insertService } from '../../db/repositories/diagnosis-repository.ts';
import { findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import { findServiceOrg } from '../../db/repositories/service-org-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { dispatchable } from '../../domain/diagnosis/admission.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { regionById } from '../../domain/regions.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { serviceSchema } from './diagnosis-input.ts';

export async function recordService(db: Db, actor: Actor, raw: unknown, today: string) {
  assertPermission(actor, 'providers.services');
  const input = parseOrThrow(serviceSchema, raw);
  if (input.servedOn > today) throw invalid('servedOn', `服务日期 ${input.servedOn} 晚于今天(${today})`);
  const orgId = actor.role === 'provider' ? actor.organisationId : input.orgId;
  if (!orgId) throw invalid('orgId', '须指定提供服务的服务商 orgId');
  if (actor.role === 'provider' && input.orgId && input.orgId !== orgId) throw invalid('orgId', '服务商只能记录本机构的服务');
  return db.transaction(async (tx) => {
    const org = await findServiceOrg(tx, orgId);
    if (!org || org.kind !== 'provider') throw notFound('服务商不存在', 'orgId');
    const refusal = dispatchable(org);
    if (refusal) throw invalid('orgId', `服务商“${org.name}”${refusal},不能记录服务`);
    const e = await findEnterpriseById(tx, input.enterpriseId);
    if (!e || regionById(e.regionId)?.city !== org.city) throw notFound('企业不在该服务商所在市的企业档案中', 'enterpriseId');
    const row = await insertService(tx, { orgId: org.id, kind: input.kind, enterpriseId: e.id, servedOn: input.servedOn, note: input.note, recordedBy: actor.userId });
    await appendAudit(tx, actor, { action: 'create', entity: 'provider_service', entityId: row.id, after: { kind: input.kind, enterpriseId: e.id, servedOn: input.servedOn } });
    return { id: row.id, kind: row.kind, orgId: org.id, enterpriseId: e.id, enterpriseName: e.name, servedOn: row.servedOn, note: row.note };
  });
}
