import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './core.ts';
import { enterprises } from './enterprises.ts';

// Engine facts the enterprise file holds per year beyond its fields and certifications (本年度
// 智能制造投资额, 平台级别, 首台套产品, 贷款 …): one row per enterprise, year and fact of the
// dictionary (policies/facts.yaml), the value in the engine's stored form (money in fen), with
// what it rests on. Versioned: an edit names the version it read.
export const enterpriseFacts = pgTable('enterprise_facts', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  fact: text('fact').notNull(),
  value: jsonb('value').notNull(),
  /** 认定文件文号、合同或发票号、统计报表 … what an officer can check the value against. */
  evidence: text('evidence').notNull(),
  /** A stored file (SHA-256 of the content-addressed store), when the evidence was uploaded. */
  evidenceFile: text('evidence_file'),
  recordedBy: uuid('recorded_by').references(() => users.id),
  recordedByName: text('recorded_by_name').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
}, (t) => [
  uniqueIndex('enterprise_facts_key').on(t.enterpriseId, t.year, t.fact),
  index('enterprise_facts_year_idx').on(t.year, t.enterpriseId),
  check('enterprise_facts_year_check', sql`${t.year} between 2000 and 2100`),
]);
