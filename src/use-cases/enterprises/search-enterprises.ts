import type { Executor } from '../../db/client.ts';
import { type EnterpriseFilter, filterCondition, listEnterprises } from '../../db/repositories/enterprise-repository.ts';
import { assertPermission, dataScope } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { checkListPage, decodeCursor, encodeCursor } from '../../domain/enterprise/list-window.ts';
import { presentEnterprise } from './enterprise-presenter.ts';

export interface ListPaging { page: number; pageSize: number; after?: string | undefined }

export async function searchEnterprises(db: Executor, actor: Actor, filter: EnterpriseFilter, paging: ListPaging) {
  assertPermission(actor, 'enterprises.read');
  const { page, pageSize, after } = paging;
  checkListPage(page, pageSize, after);
  const cursor = after === undefined ? undefined : decodeCursor(after);
  const list = await listEnterprises(db, filterCondition(dataScope(actor), filter), { offset: (page - 1) * pageSize, limit: pageSize, after: cursor });
  return {
    items: list.items.map((i) => presentEnterprise(i.enterprise, i.certifications)),
    total: list.total, totalCapped: list.totalCapped, next: list.next && encodeCursor(list.next), page, pageSize,
  };
}
