import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments, users } from './core.ts';

export interface PlanEvidence { sha256: string; fileName: string }

// Monthly reports of the action plan's indicators (月度跟踪调度). Append-only (a trigger refuses
// UPDATE and DELETE): a correction is a new revision of the same month with a note, so the history
// of what each department said, and when, is the table itself. Two officers correcting the same
// month at once both ask for revision n+1; the unique index lets one in and the other gets 409.
export const planReports = pgTable('plan_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  planId: text('plan_id').notNull(),
  indicatorId: text('indicator_id').notNull(),
  /** '' for a city-wide indicator; the region for a per-region one (各县(市、区)专项资金). */
  regionId: text('region_id').notNull().default(''),
  year: integer('year').notNull(),
  month: integer('month').notNull(),
  revision: integer('revision').notNull(),
  /** A count, hundredths of a percent, or 分 (goal-tree.ts UNIT_SCALE). */
  value: bigint('value', { mode: 'number' }).notNull(),
  note: text('note'),
  evidence: jsonb('evidence').$type<PlanEvidence[]>().notNull().default(sql`'[]'::jsonb`),
  /** The reporting unit: a department, or null for a region's own figure. */
  departmentId: text('department_id').references(() => departments.id),
  reportedBy: uuid('reported_by').references(() => users.id),
  reportedByName: text('reported_by_name').notNull(),
  /** Reported by the city (市工信局) on the reporting unit's behalf (代报). */
  onBehalf: boolean('on_behalf').notNull().default(false),
  /** The business date of the report: lateness is judged on it. */
  reportedOn: date('reported_on', { mode: 'string' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('plan_reports_revision').on(t.planId, t.indicatorId, t.regionId, t.year, t.month, t.revision),
  index('plan_reports_year_idx').on(t.planId, t.year, t.month),
  check('plan_reports_month', sql`${t.month} between 1 and 12`),
  check('plan_reports_revision_check', sql`${t.revision} >= 1`),
  check('plan_reports_value_check', sql`${t.value} >= 0`),
]);
