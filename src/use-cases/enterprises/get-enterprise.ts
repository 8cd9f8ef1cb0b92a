import type { Executor } from '../../db/client.ts';
import { type EnterpriseRow, findEnterpriseById, findEnterpriseWithCertifications } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, authorize, type CheckName, type Checks } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { presentEnterprise } from './enterprise-presenter.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => UUID.test(id);

/**
 * Loads an enterprise and asks the access layer about it. A missing file and one out of scope give
 * the same NOT_FOUND, so an officer cannot probe which enterprises exist in other regions.
 */
export async function loadEnterpriseFor<K extends CheckName>(
  db: Executor, actor: Actor, id: string, check: K, extra: Omit<Checks[K], 'id' | 'regionId'>,
) {
  const row = isUuid(id) ? await findEnterpriseById(db, id) : undefined;
  return authorizeFound(actor, row, check, extra);
}

function authorizeFound<K extends CheckName>(actor: Actor, row: EnterpriseRow | undefined, check: K, extra: Omit<Checks[K], 'id' | 'regionId'>): EnterpriseRow {
  if (!row) throw notFound('企业档案不存在或不在您的管辖范围内', 'id');
  authorize(actor, check, { ...extra, id: row.id, regionId: row.regionId } as unknown as Checks[K]);
  return row;
}

export async function getEnterprise(db: Executor, actor: Actor, id: string) {
  assertPermission(actor, 'enterprises.read');
  const found = isUuid(id) ? await findEnterpriseWithCertifications(db, id) : undefined;
  // The file and its certifications in one statement; the access rule still sees the record first.
  const row = authorizeFound(actor, found?.row, 'enterprise.read', {});
  return presentEnterprise(row, found!.confirmed, found!.claims);
}
