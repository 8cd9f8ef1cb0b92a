import type { Executor } from '../../db/client.ts';
import { countEnterprisesCapped, type EnterpriseFilter, filterCondition, listEnterprises } from '../../db/repositories/enterprise-repository.ts';
import { cachedReport, regionScopeKey } from '../report-cache.ts';
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
  const where = filterCondition(dataScope(actor), filter);
  // Paging through the file asks the same count page after page: it is kept per data version (every
  // enterprise write bumps it). A search's count is not kept (there are too many searches to keep):
  // it comes with the page, in the same statement.
  const list = await listEnterprises(db, where, { offset: (page - 1) * pageSize, limit: pageSize, after: cursor, count: Boolean(filter.q) });
  const counted = list.counted
    ?? await cachedReport(db, ['enterprises'], `list-count|${dataScopeKey(actor)}|${filter.regionId ?? ''}|${filter.aboveScale ?? ''}|${filter.chain ?? ''}`,
      () => countEnterprisesCapped(db, where), actor);
  return {
    items: list.items.map((i) => presentEnterprise(i.enterprise, i.certifications)),
    total: counted.total, totalCapped: counted.totalCapped, next: list.next && encodeCursor(list.next), page, pageSize,
  };
}

/** Whose file a count is of: the city, one region, or one enterprise (its own file). */
function dataScopeKey(actor: Actor): string {
  const scope = dataScope(actor);
  return scope.kind === 'enterprise' ? `enterprise:${scope.enterpriseId}` : regionScopeKey(actor);
}
