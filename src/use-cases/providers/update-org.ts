// The organisation's profile (capabilities, regions served, capacity), editable while a draft or
// returned: by its own accounts, its home region's officer or the city.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { lockServiceOrg, updateServiceOrg } from '../../db/repositories/service-org-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { updateOrgSchema } from './org-input.ts';
import { loadOrg, orgDetail, recordOrgEvent } from './org-support.ts';

export async function updateOrg(db: Db, actor: Actor, id: string, raw: unknown) {
  assertPermission(actor, 'providers.apply');
  const { version, ...set } = parseOrThrow(updateOrgSchema, raw);
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, id, lockServiceOrg);
    authorize(actor, 'org.edit', { id: org.id, regionId: org.regionId, status: org.status });
    const row = await updateServiceOrg(tx, org.id, version, org.kind === 'supervisor' ? { ...set, scopes: [] } : set);
    await recordOrgEvent(tx, actor, org.id, 'update', `修改机构信息:${Object.keys(set).join('、')}`);
    await appendAudit(tx, actor, { action: 'update', entity: 'service_org', entityId: org.id, after: set });
    return orgDetail(tx, row);
  });
}
