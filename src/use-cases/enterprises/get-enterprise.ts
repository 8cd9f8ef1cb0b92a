import type { Executor } from '../../db/client.ts';
import { certificationsOf, findEnterpriseById } from '../../db/repositories/enterprise-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { notFound } from '../../domain/errors.ts';
import { assertPermission, inScope } from '../../server/access/rules.ts';
import { presentEnterprise } from './enterprise-presenter.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Out-of-scope records answer NOT_FOUND, like missing ones, so an officer cannot probe which
 * enterprises exist in other regions.
 */
export async function loadScopedEnterprise(db: Executor, actor: Actor, id: string) {
  const row = UUID.test(id) ? await findEnterpriseById(db, id) : undefined;
  if (!row || !inScope(actor, { regionId: row.regionId, enterpriseId: row.id })) throw notFound(`企业 ${id} 不存在`, 'id');
  return row;
}

export async function getEnterprise(db: Executor, actor: Actor, id: string) {
  assertPermission(actor, 'enterprises.read');
  const row = await loadScopedEnterprise(db, actor, id);
  const certs = await certificationsOf(db, [row.id]);
  return presentEnterprise(row, certs.get(row.id));
}
