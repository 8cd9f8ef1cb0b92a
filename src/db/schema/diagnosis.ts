import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { regions, users } from './core.ts';
import { enterprises } from './enterprises.ts';
import { storedFiles } from './applications.ts';

// Diagnosis services (扬州 实施意见 二(五)(七), 附件1 二(四); 苏州 (五)–(七)): the provider pool, the
// diagnoses it delivers under third-party supervision, and the digital-maturity results they leave
// in the enterprise file. Money is integer fen; points are integer thousandths of a point.

/**
 * A service organisation in a city's pool: a diagnosis provider (服务商) or a supervisor (第三方监理).
 * Admission runs on the workflow kernel (`workflow`, the state of the admission chain); `standing`
 * is what happens after admission (warnings, 限期整改, suspension, removal).
 */
export const serviceOrgs = pgTable('service_orgs', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  city: text('city').notNull(),
  /** Home region: its officer does the 属地初审. */
  regionId: text('region_id').notNull().references(() => regions.id),
  uscc: text('uscc').notNull(),
  name: text('name').notNull(),
  contactName: text('contact_name').notNull(),
  contactPhone: text('contact_phone').notNull(),
  /** GB/T 4754 门类/大类 codes it serves (C, C34 …). */
  industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
  /** Diagnosis scopes: chain (产业链), factory (工厂), workshop (车间). */
  scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
  regionsServed: text('regions_served').array().notNull().default(sql`'{}'::text[]`),
  /** Diagnoses it can run at once; dispatch refuses beyond it. */
  capacity: integer('capacity').notNull(),
  introduction: text('introduction'),
  status: text('status').notNull().default('draft'),
  workflow: jsonb('workflow').notNull(),
  publicityStartsOn: date('publicity_starts_on', { mode: 'string' }),
  publicityEndsOn: date('publicity_ends_on', { mode: 'string' }),
  admittedOn: date('admitted_on', { mode: 'string' }),
  /** The yearly 复核: due a year after admission or the last review. */
  reviewDueOn: date('review_due_on', { mode: 'string' }),
  standing: text('standing').notNull().default('none'),
  standingReason: text('standing_reason'),
  rectifyBy: date('rectify_by', { mode: 'string' }),
  appeal: jsonb('appeal'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('service_orgs_kind_check', sql`${t.kind} in ('provider', 'supervisor')`),
  check('service_orgs_city_check', sql`${t.city} in ('yangzhou', 'suzhou')`),
  check('service_orgs_status_check', sql`${t.status} in ('draft', 'in_review', 'in_publicity', 'returned', 'approved', 'rejected')`),
  check('service_orgs_standing_check', sql`${t.standing} in ('none', 'good', 'warned', 'rectifying', 'suspended', 'removed')`),
  check('service_orgs_capacity_check', sql`${t.capacity} between 1 and 10000`),
  uniqueIndex('service_orgs_one_per_city').on(t.city, t.kind, t.uscc),
]);

/** Every admission step, sanction, review and appeal of an organisation (append-only). */
export const serviceOrgEvents = pgTable('service_org_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orgId: uuid('org_id').notNull().references(() => serviceOrgs.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorName: text('actor_name').notNull(),
  actorRole: text('actor_role').notNull(),
  action: text('action').notNull(),
  summary: text('summary').notNull(),
}, (t) => [index('service_org_events_org_idx').on(t.orgId, t.id)]);

/** Real-name objections during an admission's 公示; an open one blocks 入库. */
export const serviceOrgObjections = pgTable('service_org_objections', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => serviceOrgs.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  content: text('content').notNull(),
  receivedOn: date('received_on', { mode: 'string' }).notNull(),
  status: text('status').notNull().default('open'),
  resolution: text('resolution'),
  recordedBy: text('recorded_by').notNull(),
}, (t) => [check('service_org_objections_status_check', sql`${t.status} in ('open', 'upheld', 'dismissed')`)]);

/**
 * Yearly diagnosis quotas per funding level and scope: 苏州 (五) 市级 40 工厂 + 600 车间; a 县级市/区
 * may add its own. `used` moves only by one conditional statement (`used + 1 <= quota`).
 * region_id '' is the city's quota.
 */
export const diagnosisQuotas = pgTable('diagnosis_quotas', {
  city: text('city').notNull(),
  regionId: text('region_id').notNull(),
  year: integer('year').notNull(),
  scope: text('scope').notNull(),
  quota: integer('quota').notNull(),
  used: integer('used').notNull().default(0),
  clause: text('clause'),
}, (t) => [
  primaryKey({ columns: [t.city, t.regionId, t.year, t.scope] }),
  check('diagnosis_quotas_used_check', sql`${t.used} >= 0 and ${t.used} <= ${t.quota}`),
]);

export const diagnoses = pgTable('diagnoses', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** ZD-YZ-2023-000012: a number people can say on the phone. */
  number: text('number').notNull().unique(),
  city: text('city').notNull(),
  regionId: text('region_id').notNull().references(() => regions.id),
  enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
  year: integer('year').notNull(),
  scope: text('scope').notNull(),
  /** Whose quota and fund pays: the city's or the region's own. */
  funding: text('funding').notNull().default('city'),
  policyId: text('policy_id').notNull(),
  measureId: text('measure_id').notNull(),
  status: text('status').notNull(),
  need: text('need').notNull(),
  requestedBy: text('requested_by').notNull(),
  providerId: uuid('provider_id').references(() => serviceOrgs.id),
  supervisorId: uuid('supervisor_id').references(() => serviceOrgs.id),
  dispatchReason: text('dispatch_reason'),
  dispatchedBy: text('dispatched_by'),
  dueOn: date('due_on', { mode: 'string' }),
  /** The contracted fee and what the fund pays of it (苏州 the fee; 扬州 the fixed 补助, at most the fee). */
  feeFen: bigint('fee_fen', { mode: 'number' }),
  subsidyFen: bigint('subsidy_fen', { mode: 'number' }),
  supervisionFeeFen: bigint('supervision_fee_fen', { mode: 'number' }),
  supervisionSubsidyFen: bigint('supervision_subsidy_fen', { mode: 'number' }),
  contractedOn: date('contracted_on', { mode: 'string' }),
  onSiteFrom: date('on_site_from', { mode: 'string' }),
  /** The structured report (maturity, gaps per area, recommended projects) once submitted. */
  report: jsonb('report'),
  reportedOn: date('reported_on', { mode: 'string' }),
  maturityId: uuid('maturity_id'),
  satisfaction: smallint('satisfaction'),
  acceptanceNote: text('acceptance_note'),
  acceptedOn: date('accepted_on', { mode: 'string' }),
  paymentStopped: boolean('payment_stopped').notNull().default(false),
  paymentStopReason: text('payment_stop_reason'),
  providerPaidFen: bigint('provider_paid_fen', { mode: 'number' }).notNull().default(0),
  supervisorPaidFen: bigint('supervisor_paid_fen', { mode: 'number' }).notNull().default(0),
  cancelReason: text('cancel_reason'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('diagnoses_scope_check', sql`${t.scope} in ('chain', 'factory', 'workshop')`),
  check('diagnoses_funding_check', sql`${t.funding} in ('city', 'county')`),
  check('diagnoses_status_check', sql`${t.status} in ('requested', 'dispatched', 'contracted', 'on_site', 'reported', 'accepted', 'paid', 'cancelled')`),
  // A supervisor never supervises its own organisation's diagnosis (checked by USCC in the use case).
  check('diagnoses_supervisor_not_provider', sql`${t.supervisorId} is null or ${t.supervisorId} <> ${t.providerId}`),
  check('diagnoses_satisfaction_check', sql`${t.satisfaction} is null or ${t.satisfaction} between 1 and 5`),
  check('diagnoses_paid_check', sql`${t.providerPaidFen} >= 0 and ${t.providerPaidFen} <= coalesce(${t.subsidyFen}, 0) and ${t.supervisorPaidFen} >= 0 and ${t.supervisorPaidFen} <= coalesce(${t.supervisionSubsidyFen}, 0)`),
  index('diagnoses_region_idx').on(t.regionId, t.year),
  index('diagnoses_enterprise_idx').on(t.enterpriseId),
  index('diagnoses_provider_idx').on(t.providerId, t.status),
  index('diagnoses_supervisor_idx').on(t.supervisorId),
]);

/** Files of a diagnosis: 合作协议, 采购合同, 诊断报告, checkpoint evidence. */
export const diagnosisDocuments = pgTable('diagnosis_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  diagnosisId: uuid('diagnosis_id').notNull().references(() => diagnoses.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  sha256: text('sha256').notNull().references(() => storedFiles.sha256),
  fileName: text('file_name').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('diagnosis_documents_kind_check', sql`${t.kind} in ('agreement', 'contract', 'report', 'checkpoint')`),
  index('diagnosis_documents_diag_idx').on(t.diagnosisId),
]);

/** The supervisor's record at each checkpoint: when and where, what was found, with its evidence. */
export const diagnosisCheckpoints = pgTable('diagnosis_checkpoints', {
  id: uuid('id').primaryKey().defaultRandom(),
  diagnosisId: uuid('diagnosis_id').notNull().references(() => diagnoses.id, { onDelete: 'cascade' }),
  code: text('code').notNull(),
  heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
  place: text('place').notNull(),
  finding: text('finding').notNull(),
  note: text('note').notNull(),
  documentId: uuid('document_id').references(() => diagnosisDocuments.id),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('diagnosis_checkpoints_finding_check', sql`${t.finding} in ('ok', 'issue', 'stop')`),
  index('diagnosis_checkpoints_diag_idx').on(t.diagnosisId),
]);

export const diagnosisEvents = pgTable('diagnosis_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  diagnosisId: uuid('diagnosis_id').notNull().references(() => diagnoses.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorName: text('actor_name').notNull(),
  actorRole: text('actor_role').notNull(),
  action: text('action').notNull(),
  fromStatus: text('from_status').notNull(),
  toStatus: text('to_status').notNull(),
  summary: text('summary').notNull(),
}, (t) => [index('diagnosis_events_diag_idx').on(t.diagnosisId, t.id)]);

/**
 * A digital-maturity result of one enterprise on one instrument version: a self-assessment, one a
 * provider filled on site during a diagnosis, or an older result kept as total and level only.
 * The raw answers are kept so a corrected rule can re-score them.
 */
export const maturityAssessments = pgTable('maturity_assessments', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
  instrumentId: text('instrument_id').notNull(),
  source: text('source').notNull(),
  diagnosisId: uuid('diagnosis_id').references(() => diagnoses.id),
  status: text('status').notNull().default('draft'),
  answers: jsonb('answers'),
  /** Total in thousandths of a point (2024: 基础+管理+成效; 2022: the recorded total). */
  totalMilli: integer('total_milli'),
  level: smallint('level'),
  result: jsonb('result'),
  assessedOn: date('assessed_on', { mode: 'string' }),
  createdBy: text('created_by').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('maturity_source_check', sql`${t.source} in ('self', 'diagnosis', 'legacy')`),
  check('maturity_status_check', sql`${t.status} in ('draft', 'submitted')`),
  check('maturity_total_check', sql`${t.totalMilli} is null or ${t.totalMilli} between 0 and 100000`),
  index('maturity_enterprise_idx').on(t.enterpriseId, t.instrumentId),
]);

/** 支撑材料: a file offered as evidence for one item of a maturity assessment (设备清单, 网络拓扑图 …). */
export const maturityEvidence = pgTable('maturity_evidence', {
  id: uuid('id').primaryKey().defaultRandom(),
  maturityId: uuid('maturity_id').notNull().references(() => maturityAssessments.id, { onDelete: 'cascade' }),
  itemId: text('item_id').notNull(),
  sha256: text('sha256').notNull().references(() => storedFiles.sha256),
  fileName: text('file_name').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('maturity_evidence_idx').on(t.maturityId)]);

/** 苏州 (六) 顾问咨询 and (七) 数据采集 services, recorded by the provider that delivered them. */
export const providerServices = pgTable('provider_services', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull().references(() => serviceOrgs.id),
  kind: text('kind').notNull(),
  enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
  servedOn: date('served_on', { mode: 'string' }).notNull(),
  note: text('note').notNull(),
  recordedBy: uuid('recorded_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('provider_services_kind_check', sql`${t.kind} in ('consultation', 'data_collection')`),
  index('provider_services_org_idx').on(t.orgId, t.servedOn),
]);
