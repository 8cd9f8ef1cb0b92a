// Shared checks of the assessment use cases: the year must have targets, a record must be for a
// region scored that year, and the access layer decides which regions an actor reads and writes.
import type { Executor } from '../../db/client.ts';
import type { StoredTargets } from '../../db/repositories/assessment-repository.ts';
import { loadTargets } from '../../db/repositories/assessment-repository.ts';
import { authorize, canReadRegion, readableRegion } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { regionById } from '../../domain/regions.ts';

export { readableRegion, canReadRegion as canRead };

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
  authorize(actor, 'assessment.write', { regionId });
  const region = regionById(regionId);
  if (!region) throw invalid(field, `未知地区 ${regionId}:请使用地区列表中的编号(如 yz-baoying)`);
  if (!targets.regions.some((r) => r.regionId === regionId)) {
    throw invalid(field, `${region.name}不是${targets.year}年的评分对象(该年度目标表中没有该地区)`);
  }
}

/**
 * An officer whose region is not scored that year (every Suzhou region: 附件2 is Yangzhou's) is told
 * so, rather than shown an empty table or a city total over no regions.
 */
export function assertAssessedReader(actor: Actor, targets: StoredTargets): void {
  const own = readableRegion(actor);
  if (own === null) return;
  if (own !== 'none' && targets.regions.some((r) => r.regionId === own)) return;
  const name = own === 'none' ? '' : regionById(own)?.name ?? own;
  throw new DomainError(
    'FORBIDDEN',
    `${targets.year}年度的县区考核(扬府发〔2022〕20号 附件2 评分细则)只考核目标表中的扬州市县(市、区)和功能区;${name || '您的账号'}不在考核范围内`,
    'year',
    { notAssessed: true },
  );
}
