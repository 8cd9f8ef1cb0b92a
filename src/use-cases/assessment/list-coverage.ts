import type { Executor } from '../../db/client.ts';
import { listCoverageRows } from '../../db/repositories/assessment-records-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { recordFilter } from './record-filter.ts';

/** The year's coverage summaries (规上企业实施“智改数转”项目情况汇总表) by month; an officer sees their own region's. */
export async function listCoverage(db: Executor, actor: Actor, year: number, regionId?: string) {
  assertPermission(actor, 'assessment.read');
  const f = recordFilter(actor, year, { regionId });
  const rows = f ? await listCoverageRows(db, f) : [];
  return rows.map((r) => ({ year: r.year, regionId: r.regionId, month: r.month, covered: r.covered, total: r.total, evidence: r.evidence }));
}
