// Shared checks of the assessment use cases: the year must have targets, a record must be for a
// region scored that year, and an officer writes and reads only their own region.
import type { Executor } from '../../db/client.ts';
import type { StoredTargets } from '../../db/repositories/assessment-repository.ts';
import { loadTargets } from '../../db/repositories/assessment-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { forbidden, invalid } from '../../domain/errors.ts';
import { regionById } from '../../domain/regions.ts';
import { canWriteRegion, dataScope } from '../../server/access/rules.ts';

export function checkYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid(field, `年度须为2000–2100的整数,收到 ${String(year)}`);
  return year;
}

/** The year's targets, or INVALID naming the year when the city has not set any. */
export async function requireTargets(db: Executor, year: number): Promise<StoredTargets> {
  const targets = await loadTargets(db, checkYear(year));
  if (!targets) throw invalid('year', `${year}年尚未设定目标,无法录入或评分:请市工信局先导入该年度目标表`);
  return targets;
}

/** A write for `regionId` in `year`: own region (or the city), a known region, scored that year. */
export function assertWritableRegion(actor: Actor, targets: StoredTargets, regionId: string, field = 'regionId'): void {
  if (!canWriteRegion(actor, regionId)) throw forbidden('只能录入本地区的考核数据 (you may only record your own region)');
  const region = regionById(regionId);
  if (!region) throw invalid(field, `未知地区 ${regionId}:请使用地区列表中的编号(如 yz-baoying)`);
  if (!targets.regions.some((r) => r.regionId === regionId)) {
    throw invalid(field, `${region.name}不是${targets.year}年的评分对象(该年度目标表中没有该地区)`);
  }
}

/** The region ids an actor may read (null: all). */
export function readableRegion(actor: Actor): string | null | 'none' {
  const scope = dataScope(actor);
  if (scope.kind === 'all') return null;
  if (scope.kind === 'region') return scope.regionId;
  return 'none';
}

export const canRead = (actor: Actor, regionId: string): boolean => {
  const r = readableRegion(actor);
  return r === null || r === regionId;
};
