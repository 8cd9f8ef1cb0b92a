import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { regions, users } from './core.ts';
import { enterprises } from './enterprises.ts';

// 申报 → 审核 → 公示 → 批准 → 拨付 → 验收. Money is integer fen in bigint columns (1亿元 is 10^10 fen).

/** Review chains as versioned data per policy, measure (null: every measure) and year. */
export const reviewChains = pgTable('review_chains', {
  id: uuid('id').primaryKey().defaultRandom(),
  policyId: text('policy_id').notNull(),
  measureId: text('measure_id'),
  year: integer('year').notNull(),
  version: integer('version').notNull(),
  definition: jsonb('definition').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('review_chains_version').on(t.policyId, sql`coalesce(${t.measureId}, '')`, t.year, t.version),
]);

export const applications = pgTable('applications', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** A short number people can say on the phone: YZ-2023-000123. */
  number: text('number').notNull().unique(),
  enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
  regionId: text('region_id').notNull().references(() => regions.id),
  city: text('city').notNull(),
  policyId: text('policy_id').notNull(),
  measureId: text('measure_id').notNull(),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  status: text('status').notNull(),
  stepIndex: integer('step_index').notNull().default(0),
  workflow: jsonb('workflow').notNull(),
  chainId: uuid('chain_id').notNull().references(() => reviewChains.id),
  /** Suppliers the applicant declares for the project ({uscc, name, note}): checked against its diagnosis providers (利益冲突). */
  suppliers: jsonb('suppliers').notNull().default(sql`'[]'::jsonb`),
  /** The facts the engine was given (enterprise file + the applicant's figures). */
  facts: jsonb('facts').notNull(),
  /** The engine's answer for this measure when last saved: eligibility, range, payer, explanation, parameters used. */
  evaluation: jsonb('evaluation').notNull(),
  evaluatedOn: date('evaluated_on', { mode: 'string' }).notNull(),
  eligible: boolean('eligible').notNull(),
  minFen: bigint('min_fen', { mode: 'number' }).notNull(),
  maxFen: bigint('max_fen', { mode: 'number' }),
  payer: text('payer').notNull(),
  approvedFen: bigint('approved_fen', { mode: 'number' }),
  /** 苏州 分级承担: the part each level pays, recorded separately. */
  cityPartFen: bigint('city_part_fen', { mode: 'number' }),
  countyPartFen: bigint('county_part_fen', { mode: 'number' }),
  disbursedFen: bigint('disbursed_fen', { mode: 'number' }).notNull().default(0),
  reclaimedFen: bigint('reclaimed_fen', { mode: 'number' }).notNull().default(0),
  /** 事后奖补 (after 验收) by default; 启动资金 allows this much before 验收. */
  advanceFen: bigint('advance_fen', { mode: 'number' }).notNull().default(0),
  acceptance: text('acceptance').notNull().default('none'),
  acceptanceNote: text('acceptance_note'),
  acceptedOn: date('accepted_on', { mode: 'string' }),
  acceptedBy: text('accepted_by'),
  preparedBy: uuid('prepared_by').references(() => users.id),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  /** The business date of the (last) submission: the programme's 申报 month, which reports count by. */
  submittedOn: date('submitted_on', { mode: 'string' }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('applications_status_check', sql`${t.status} in ('draft', 'in_review', 'in_publicity', 'returned', 'approved', 'rejected')`),
  check('applications_acceptance_check', sql`${t.acceptance} in ('none', 'passed', 'failed')`),
  check('applications_payer_check', sql`${t.payer} in ('city', 'county', 'shared')`),
  // The backstops of the money rules the use cases apply: never above the engine's maximum, never
  // more paid than approved, never more reclaimed than paid.
  check('applications_approved_max', sql`${t.approvedFen} is null or (${t.approvedFen} > 0 and (${t.maxFen} is null or ${t.approvedFen} <= ${t.maxFen}))`),
  check('applications_disbursed', sql`${t.disbursedFen} >= 0 and ${t.disbursedFen} <= coalesce(${t.approvedFen}, 0)`),
  check('applications_reclaimed', sql`${t.reclaimedFen} >= 0 and ${t.reclaimedFen} <= ${t.disbursedFen}`),
  index('applications_region_status_idx').on(t.regionId, t.status),
  index('applications_enterprise_idx').on(t.enterpriseId),
  index('applications_policy_year_idx').on(t.policyId, t.year),
]);

/** Every action on an application, with the facts and evidence as they stood (returned versions stay readable). */
export const applicationEvents = pgTable('application_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  actorRole: text('actor_role').notNull(),
  action: text('action').notNull(),
  stepId: text('step_id'),
  stepName: text('step_name'),
  opinion: text('opinion'),
  fromStatus: text('from_status').notNull(),
  toStatus: text('to_status').notNull(),
  summary: text('summary').notNull(),
  snapshot: jsonb('snapshot'),
}, (t) => [index('application_events_app_idx').on(t.applicationId, t.id)]);

/** Files, content-addressed: the bytes live in the file store under their SHA-256. */
export const storedFiles = pgTable('stored_files', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  ext: text('ext').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One file offered for one checklist item of an application, reviewed on its own. */
export const applicationEvidence = pgTable('application_evidence', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
  itemId: text('item_id').notNull(),
  sha256: text('sha256').notNull().references(() => storedFiles.sha256),
  fileName: text('file_name').notNull(),
  status: text('status').notNull().default('pending'),
  reviewNote: text('review_note'),
  reviewedBy: text('reviewed_by'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  uploadedBy: text('uploaded_by').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  /** Stage the file belongs to: the application itself or its 验收. */
  stage: text('stage').notNull().default('application'),
  removed: boolean('removed').notNull().default(false),
}, (t) => [
  check('application_evidence_status_check', sql`${t.status} in ('pending', 'accepted', 'needs_correction')`),
  check('application_evidence_stage_check', sql`${t.stage} in ('application', 'acceptance')`),
  index('application_evidence_app_idx').on(t.applicationId),
  index('application_evidence_sha_idx').on(t.sha256),
]);

/** The city's holiday calendar: weekdays off and weekend days worked (调休). */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind').notNull(),
  note: text('note').notNull(),
}, (t) => [check('calendar_days_kind_check', sql`${t.kind} in ('holiday', 'workday')`)]);

/** 公示: applications published together, with the period and its notice. */
export const publicityBatches = pgTable('publicity_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  city: text('city').notNull(),
  title: text('title').notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  length: integer('length').notNull(),
  unit: text('unit').notNull(),
  status: text('status').notNull().default('open'),
  contact: text('contact').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
}, (t) => [
  check('publicity_batches_status_check', sql`${t.status} in ('open', 'closed')`),
  check('publicity_batches_unit_check', sql`${t.unit} in ('calendar', 'working')`),
]);

export const publicityItems = pgTable('publicity_items', {
  batchId: uuid('batch_id').notNull().references(() => publicityBatches.id, { onDelete: 'cascade' }),
  applicationId: uuid('application_id').notNull().references(() => applications.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.batchId, t.applicationId] })]);

/** Real-name objections raised during 公示; an open one blocks approval. */
export const objections = pgTable('objections', {
  id: uuid('id').primaryKey().defaultRandom(),
  batchId: uuid('batch_id').notNull().references(() => publicityBatches.id),
  applicationId: uuid('application_id').notNull().references(() => applications.id),
  name: text('name').notNull(),
  organisation: text('organisation'),
  phone: text('phone').notNull(),
  content: text('content').notNull(),
  receivedOn: date('received_on', { mode: 'string' }).notNull(),
  status: text('status').notNull().default('open'),
  resolution: text('resolution'),
  resolvedBy: text('resolved_by'),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  recordedBy: text('recorded_by').notNull(),
}, (t) => [
  check('objections_status_check', sql`${t.status} in ('open', 'upheld', 'dismissed')`),
  index('objections_app_idx').on(t.applicationId),
]);
