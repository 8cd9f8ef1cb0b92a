import { bigint, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { regions } from './core.ts';

// Data versions of the areas reports read (migration 0014_report_cache): bumped by triggers in every
// transaction that changes the area, read once per report request to decide whether this
// instance's computed copy is still current.
export const reportVersions = pgTable('report_versions', {
  area: text('area').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

// 规上 enterprises per region, kept by the enterprise triggers (the coverage denominator of 附件2).
export const regionAboveScaleCounts = pgTable('region_above_scale_counts', {
  regionId: text('region_id').primaryKey().references(() => regions.id),
  enterprises: bigint('enterprises', { mode: 'number' }).notNull(),
});

// Each 规上 enterprise's first month with a counted project, per year, at its current region: the
// coverage numerator of 附件2 when a region has no summary table. Kept by the project and enterprise
// triggers (migration 0018), so a score sheet reads these rows instead of joining the year's
// projects to the whole file.
export const aboveScaleFirstCounted = pgTable('above_scale_first_counted', {
  enterpriseId: uuid('enterprise_id').notNull(),
  year: integer('year').notNull(),
  regionId: text('region_id').notNull(),
  month: integer('month').notNull(),
}, (t) => [
  primaryKey({ columns: [t.enterpriseId, t.year] }),
  index('above_scale_first_counted_year_idx').on(t.year, t.regionId, t.month),
]);
