// The data versions reports are cached under, and the trigger-kept counts that replace scans.
import type { Executor } from '../client.ts';
import { regionAboveScaleCounts, reportVersions } from '../schema/report-cache.ts';

/** Areas with a version row (migration 0014_report_cache). */
export type ReportArea = 'assessment' | 'enterprises';

/** Every area's current version in one small query. */
export async function readReportVersions(db: Executor): Promise<Map<string, number>> {
  const rows = await db.select().from(reportVersions);
  return new Map(rows.map((r) => [r.area, Number(r.version)]));
}

/** 规上 enterprises per region as the enterprise triggers keep them (regions with none are absent). */
export async function aboveScaleCounts(db: Executor): Promise<Map<string, number>> {
  const rows = await db.select().from(regionAboveScaleCounts);
  return new Map(rows.map((r) => [r.regionId, Number(r.enterprises)]));
}
