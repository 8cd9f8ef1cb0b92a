import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { regions } from './core.ts';
import { applications } from './applications.ts';
import { enterprises } from './enterprises.ts';

// Funds never over-committed: a commitment is one conditional UPDATE (`committed + x <= budget`),
// these CHECKs are the backstop, and every movement is a row of the append-only ledger.

/** A fund for one year at one level: the city's 专项资金 or a county/district's. */
export const funds = pgTable('funds', {
  id: uuid('id').primaryKey().defaultRandom(),
  city: text('city').notNull(),
  year: integer('year').notNull(),
  level: text('level').notNull(),
  regionId: text('region_id').references(() => regions.id),
  name: text('name').notNull(),
  budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
  committedFen: bigint('committed_fen', { mode: 'number' }).notNull().default(0),
  disbursedFen: bigint('disbursed_fen', { mode: 'number' }).notNull().default(0),
  /** `policyId/measureId` it pays for; empty: every measure paid at its level. */
  measures: text('measures').array().notNull().default(sql`'{}'::text[]`),
  version: integer('version').notNull().default(1),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('funds_level_check', sql`${t.level} in ('city', 'county')`),
  check('funds_scope_check', sql`(${t.level} = 'county') = (${t.regionId} is not null)`),
  check('funds_amounts_check', sql`${t.budgetFen} >= 0 and ${t.committedFen} >= 0 and ${t.committedFen} <= ${t.budgetFen} and ${t.disbursedFen} >= 0 and ${t.disbursedFen} <= ${t.committedFen}`),
  uniqueIndex('funds_one_per_level').on(t.city, t.year, t.level, sql`coalesce(${t.regionId}, '')`),
]);

/** Every movement of money, append-only (a trigger refuses UPDATE and DELETE). */
export const fundLedger = pgTable('fund_ledger', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  fundId: uuid('fund_id').notNull().references(() => funds.id),
  applicationId: uuid('application_id').references(() => applications.id),
  /** Diagnosis services are paid to the provider and the supervisor (`payee`), not to an applicant. */
  diagnosisId: uuid('diagnosis_id'),
  payee: text('payee'),
  kind: text('kind').notNull(),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  /** 拨付/追回: the payment date and voucher number (凭证号). */
  paidOn: date('paid_on', { mode: 'string' }),
  voucher: text('voucher'),
  /** 启动资金 or 奖补资金 (拨付 only). */
  purpose: text('purpose'),
  clause: text('clause'),
  note: text('note'),
  actorName: text('actor_name').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('fund_ledger_kind_check', sql`${t.kind} in ('budget', 'commit', 'release', 'disburse', 'reclaim')`),
  index('fund_ledger_fund_idx').on(t.fundId, t.id),
  index('fund_ledger_app_idx').on(t.applicationId),
  index('fund_ledger_diagnosis_idx').on(t.diagnosisId),
  check('fund_ledger_one_subject', sql`${t.applicationId} is null or ${t.diagnosisId} is null`),
  check('fund_ledger_payee_check', sql`${t.payee} is null or ${t.payee} in ('provider', 'supervisor')`),
]);

/** What an enterprise has been granted under one per-enterprise-per-year cap (苏州 (一) 200万元/年). */
export const enterpriseCaps = pgTable('enterprise_caps', {
  enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
  capKey: text('cap_key').notNull(),
  year: integer('year').notNull(),
  capFen: bigint('cap_fen', { mode: 'number' }).notNull(),
  usedFen: bigint('used_fen', { mode: 'number' }).notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.enterpriseId, t.capKey, t.year] }),
  check('enterprise_caps_used_check', sql`${t.usedFen} >= 0 and ${t.usedFen} <= ${t.capFen}`),
]);
