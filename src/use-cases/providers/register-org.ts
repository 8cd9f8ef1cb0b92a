// 服务商/监理 入库申报: the organisation's record is opened by the city or by its home region's officer
// (属地推荐), with a valid USCC; its own accounts then complete and submit it.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { insertServiceOrg } from '../../db/repositories/service-org-repository.ts';
import { assertPermission, canWriteRegion } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, DomainError, invalid } from '../../domain/errors.ts';
import { regionById } from '../../domain/regions.ts';
import { validateUscc } from '../../domain/uscc/uscc.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { INITIAL_STATE } from '../../domain/workflow/kernel.ts';
import { registerOrgSchema } from './org-input.ts';
import { orgDetail, recordOrgEvent } from './org-support.ts';

export async function registerOrg(db: Db, actor: Actor, raw: unknown) {
  assertPermission(actor, 'providers.apply');
  const input = parseOrThrow(registerOrgSchema, raw);
  if (actor.role !== 'city_admin' && !(actor.role === 'region_officer' && canWriteRegion(actor, input.regionId))) {
    throw new DomainError('FORBIDDEN', '机构由市工信局或其所在地区经办人登记', 'regionId');
  }
  const uscc = validateUscc(input.uscc);
  if (!uscc.ok) throw invalid('uscc', uscc.message);
  const city = regionById(input.regionId)!.city;
  return db.transaction(async (tx) => {
    const row = await insertServiceOrg(tx, {
      kind: input.kind, city, regionId: input.regionId, uscc: input.uscc.trim().toUpperCase(), name: input.name, contactName: input.contactName,
      contactPhone: input.contactPhone, industries: input.industries, scopes: input.kind === 'provider' ? input.scopes : [], regionsServed: input.regionsServed,
      capacity: input.capacity, introduction: input.introduction ?? null, status: 'draft', workflow: INITIAL_STATE,
    });
    if (!row) throw conflict(`统一社会信用代码 ${input.uscc} 的${input.kind === 'provider' ? '服务商' : '监理机构'}已在本市资源池登记`, 'uscc');
    await recordOrgEvent(tx, actor, row.id, 'register', `登记${input.kind === 'provider' ? '诊断服务商' : '第三方监理机构'}“${input.name}”`);
    await appendAudit(tx, actor, { action: 'create', entity: 'service_org', entityId: row.id, after: { kind: input.kind, uscc: row.uscc, name: row.name } });
    return orgDetail(tx, row);
  });
}
