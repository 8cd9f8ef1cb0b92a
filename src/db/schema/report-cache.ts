import { bigint, pgTable, text } from 'drizzle-orm/pg-core';
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
