// Changes an enterprise file on the version the editor saw: one conditional UPDATE decides, so of
// concurrent edits of one version exactly one is saved and the others get CONFLICT with the
// current version.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { certificationsOf, replaceConfirmedCertifications, updateEnterpriseVersioned } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { enterpriseUpdateSchema } from '../../domain/enterprise/enterprise-input.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { presentEnterprise } from './enterprise-presenter.ts';
import { loadEnterpriseFor } from './get-enterprise.ts';

export async function updateEnterprise(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()) {
  assertPermission(actor, 'enterprises.update');
  const input = parseOrThrow(enterpriseUpdateSchema, raw);
  const { certifications, version, ...fields } = input;
  return db.transaction(async (tx) => {
    // Read without a lock: the UPDATE below only succeeds if the row is still at `version`, i.e.
    // exactly the row authorized here and recorded as `before`.
    const before = await loadEnterpriseFor(tx, actor, id, 'enterprise.update', {
      fields: Object.keys(input).filter((k) => k !== 'version'), regionIdAfter: input.regionId,
    });
    const certsBefore = (await certificationsOf(tx, [id])).get(id) ?? [];
    const row = await updateEnterpriseVersioned(tx, id, version, fields, now);
    if (certifications) await replaceConfirmedCertifications(tx, id, certifications);
    const certsAfter = certifications ? (await certificationsOf(tx, [id])).get(id) ?? [] : certsBefore;
    const view = presentEnterprise(row, certsAfter);
    await appendAudit(tx, actor, { action: 'update', entity: 'enterprise', entityId: id, before: presentEnterprise(before, certsBefore), after: view });
    return view;
  });
}
