// Application lists: an enterprise its own, an officer their region's, the city all; a reviewer's
// to-do queue is the applications waiting on a step of their role (and region).
import type { Executor } from '../../db/client.ts';
import { listApplications as listRows } from '../../db/repositories/application-repository.ts';
import { assertPermission, dataScope } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { chainById, presentApplication } from './application-support.ts';

export interface ListQuery {
  status?: string[] | undefined;
  policyId?: string | undefined;
  measureId?: string | undefined;
  year?: number | undefined;
  regionId?: string | undefined;
  /** One enterprise's applications (its file lists them); still limited to what the reader may see. */
  enterpriseId?: string | undefined;
  q?: string | undefined;
  todo?: boolean | undefined;
}

export async function listApplications(db: Executor, actor: Actor, query: ListQuery, page: number, pageSize: number) {
  assertPermission(actor, 'applications.read');
  const scope = dataScope(actor);
  if (scope.kind === 'none') return { items: [], total: 0, page, pageSize };
  const regionId = scope.kind === 'region' ? scope.regionId : query.regionId;
  if (scope.kind === 'region' && query.regionId && query.regionId !== scope.regionId) return { items: [], total: 0, page, pageSize };
  const { rows, total } = await listRows(db, {
    regionId: regionId ?? null,
    enterpriseId: scope.kind === 'enterprise' ? scope.enterpriseId : query.enterpriseId ?? null,
    status: query.status, policyId: query.policyId, measureId: query.measureId, year: query.year, q: query.q,
    waitingOnRole: query.todo ? actor.role : undefined,
  }, page, pageSize);
  const chains = new Map<string, Awaited<ReturnType<typeof chainById>>['chain']>();
  for (const id of new Set(rows.map((r) => r.application.chainId))) chains.set(id, (await chainById(db, id)).chain);
  return {
    items: rows.map((r) => presentApplication(r.application, { enterpriseName: r.enterpriseName, uscc: r.uscc, chain: chains.get(r.application.chainId)! })),
    total, page, pageSize,
  };
}
