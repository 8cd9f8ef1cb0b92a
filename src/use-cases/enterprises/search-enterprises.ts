import type { Executor } from '../../db/client.ts';
import { type EnterpriseFilter, filterCondition, listEnterprises } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, dataScope } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { presentEnterprise } from './enterprise-presenter.ts';

export async function searchEnterprises(db: Executor, actor: Actor, filter: EnterpriseFilter, page: number, pageSize: number) {
  assertPermission(actor, 'enterprises.read');
  const { items, total } = await listEnterprises(db, filterCondition(dataScope(actor), filter), page, pageSize);
  return { items: items.map((i) => presentEnterprise(i.enterprise, i.certifications)), total, page, pageSize };
}
