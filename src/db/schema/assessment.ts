import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Evidence } from '../../domain/scoring/record-input.ts';
import { regions } from './core.ts';
import { enterprises } from './enterprises.ts';

// 附件2 评分细则: yearly targets, the records progress is counted from (指标说明) with the evidence
// 核查内容 requires, the 五个一 items, activities, bonus/deduction events, and the settings
// (readings) an assessment year is scored under. Every table is scoped by region, so an officer's
// reads and writes are filtered by one column.

/** The yearly target table ("2022年扬州市'智改数转'目标"); one row per scored region. */
export const assessmentTargets = pgTable('assessment_targets', {
  year: integer('year').notNull(),
  regionId: text('region_id').notNull().references(() => regions.id),
  retrofit: integer('retrofit').notNull(),
  cloud: integer('cloud').notNull(),
  portrait: integer('portrait').notNull(),
  benchmark: integer('benchmark').notNull(),
  /** Target coverage in basis points of a percent (40% → 4000). */
  coverageBasisPoints: integer('coverage_basis_points').notNull(),
  reference: text('reference'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.year, t.regionId] }),
  check('assessment_targets_positive', sql`${t.retrofit} > 0 and ${t.cloud} > 0 and ${t.portrait} > 0 and ${t.benchmark} > 0`),
  check('assessment_targets_coverage', sql`${t.coverageBasisPoints} > 0 and ${t.coverageBasisPoints} <= 10000`),
]);

/**
 * One project counted toward a category (指标说明): it counts from `counted_on` (the date of the
 * subsidy, the star-level certification, the diagnosis report, the recognition), in that year.
 */
export const assessmentProjects = pgTable('assessment_projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  year: integer('year').notNull(),
  regionId: text('region_id').notNull().references(() => regions.id),
  category: text('category').notNull(),
  title: text('title').notNull(),
  enterpriseName: text('enterprise_name').notNull(),
  enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
  countedOn: date('counted_on', { mode: 'string' }).notNull(),
  subsidyLevel: text('subsidy_level'),
  evidence: jsonb('evidence').$type<Evidence[]>().notNull(),
  /** Set when the record follows from a subsidy paid through the platform (指标说明 1): no double entry. */
  applicationId: uuid('application_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('assessment_projects_application').on(t.applicationId),
  check('assessment_projects_category', sql`${t.category} in ('retrofit', 'cloud', 'portrait', 'benchmark')`),
  check('assessment_projects_year', sql`extract(year from ${t.countedOn}) = ${t.year}`),
  // 指标说明1: a 智能化改造 project counts only with a county-or-above subsidy.
  check('assessment_projects_subsidy', sql`${t.category} <> 'retrofit' or ${t.subsidyLevel} in ('county', 'city', 'provincial', 'national')`),
  index('assessment_projects_year_region_idx').on(t.year, t.regionId, t.category),
  index('assessment_projects_enterprise_idx').on(t.enterpriseId),
]);

/** 当年规上企业实施"智改数转"项目情况汇总表, as of a month. */
export const assessmentCoverage = pgTable('assessment_coverage', {
  year: integer('year').notNull(),
  regionId: text('region_id').notNull().references(() => regions.id),
  month: integer('month').notNull(),
  covered: integer('covered').notNull(),
  total: integer('total').notNull(),
  evidence: jsonb('evidence').$type<Evidence[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.year, t.regionId, t.month] }),
  check('assessment_coverage_counts', sql`${t.covered} >= 0 and ${t.total} > 0 and ${t.covered} <= ${t.total}`),
  check('assessment_coverage_month', sql`${t.month} between 1 and 12`),
]);

/** 五个一 items other than the activity series (which is derived from assessment_activities). */
export const assessmentWorkItems = pgTable('assessment_work_items', {
  year: integer('year').notNull(),
  regionId: text('region_id').notNull().references(() => regions.id),
  item: text('item').notNull(),
  done: boolean('done').notNull(),
  completedOn: date('completed_on', { mode: 'string' }),
  note: text('note'),
  evidence: jsonb('evidence').$type<Evidence[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.year, t.regionId, t.item] }),
  check('assessment_work_items_item', sql`${t.item} in ('workTeam', 'actionPlan', 'subsidyPolicy', 'industrialChain')`),
]);

/** 推进活动 (政策解读、现场观摩、专题培训、银企对接…), with level and whether the region hosted it. */
export const assessmentActivities = pgTable('assessment_activities', {
  id: uuid('id').primaryKey().defaultRandom(),
  year: integer('year').notNull(),
  regionId: text('region_id').notNull().references(() => regions.id),
  date: date('date', { mode: 'string' }).notNull(),
  type: text('type').notNull(),
  level: text('level').notNull(),
  hostedByLocalGovernment: boolean('hosted_by_local_government').notNull().default(false),
  title: text('title').notNull(),
  evidence: jsonb('evidence').$type<Evidence[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('assessment_activities_type', sql`${t.type} in ('policy-briefing', 'site-visit', 'training', 'bank-enterprise', 'promotion', 'other')`),
  check('assessment_activities_level', sql`${t.level} in ('national', 'provincial', 'city', 'county')`),
  check('assessment_activities_year', sql`extract(year from ${t.date}) = ${t.year}`),
  index('assessment_activities_year_region_idx').on(t.year, t.regionId),
]);

/** 加分项 and 减分项 (附件2 二(三)). */
export const assessmentEvents = pgTable('assessment_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  year: integer('year').notNull(),
  regionId: text('region_id').notNull().references(() => regions.id),
  date: date('date', { mode: 'string' }).notNull(),
  direction: text('direction').notNull(),
  kind: text('kind'),
  level: text('level'),
  subject: text('subject'),
  issuer: text('issuer'),
  title: text('title').notNull(),
  evidence: jsonb('evidence').$type<Evidence[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('assessment_events_shape', sql`(${t.direction} = 'bonus' and ${t.kind} in ('fund-project', 'recognition', 'commendation') and ${t.level} in ('national', 'provincial', 'city', 'county') and ${t.subject} in ('star-cloud', 'integration-standard', 'other'))
    or (${t.direction} = 'deduction' and ${t.issuer} in ('provincial', 'city'))`),
  check('assessment_events_year', sql`extract(year from ${t.date}) = ${t.year}`),
  index('assessment_events_year_region_idx').on(t.year, t.regionId),
]);

/** The readings (ScoringSettings overrides) a year is scored under; absent = the defaults. */
export const assessmentSettings = pgTable('assessment_settings', {
  year: integer('year').primaryKey(),
  settings: jsonb('settings').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
