import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { regions, users } from './core.ts';

// 一企一档: the enterprise file. USCC is the natural key (unique) used for idempotent imports.
export const enterprises = pgTable('enterprises', {
  id: uuid('id').primaryKey().defaultRandom(),
  uscc: text('uscc').notNull().unique(),
  name: text('name').notNull(),
  regionId: text('region_id').notNull().references(() => regions.id),
  industryCode: text('industry_code').notNull(),
  aboveScale: boolean('above_scale').notNull().default(false),
  chains: text('chains').array().notNull().default(sql`'{}'::text[]`),
  legalForm: text('legal_form').notNull(),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  contactEmail: text('contact_email'),
  address: text('address'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('enterprises_legal_form_check', sql`${t.legalForm} in ('independent', 'branch')`),
  // The list's order (region, name, id): page 1, any page by cursor and a region's pages walk this
  // index and stop after the page (issue 11), where a sort of every row in scope used to run.
  index('enterprises_list_idx').on(t.regionId, t.name, t.id),
  index('enterprises_name_idx').on(t.name),
  // Search: the name's character pairs and the USCC's runs of four (zgsz_grams, migration 0013) in GIN
  // indexes, so "华宏" finds its rows without reading the file. Not pg_trgm: a two-character Chinese
  // name fragment has no trigram, and pg_trgm then scans its whole index.
  // A small pending list (kB; migration 0017): a search reads every pending entry, so the list's
  // size bounds what a search costs while (auto)vacuum has not yet merged it into the tree.
  index('enterprises_name_grams_idx').using('gin', sql`zgsz_grams(${t.name}, 2)`).with({ gin_pending_list_limit: 256 }),
  index('enterprises_uscc_grams_idx').using('gin', sql`zgsz_grams(${t.uscc}, 4)`).with({ gin_pending_list_limit: 256 }),
]);

// Certifications and recognitions: 两化融合贯标 (A/2A/3A), 星级上云 (3/4/5 stars) and
// demonstration titles with their level (national/provincial/municipal). They are government
// determinations: one recorded by an officer (or imported) is confirmed at once; one an enterprise
// submits is pending until its region's officer confirms or rejects it, and only confirmed ones
// count anywhere (engine facts, dashboard, assessment).
export const certifications = pgTable('certifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  level: text('level').notNull(),
  title: text('title').notNull(),
  year: integer('year').notNull(),
  status: text('status').notNull().default('confirmed'),
  /** What the claim rests on: the 认定文件's number and issuing office, the certificate number. */
  evidence: text('evidence'),
  submittedBy: uuid('submitted_by').references(() => users.id),
  submittedByName: text('submitted_by_name'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  reviewedBy: uuid('reviewed_by').references(() => users.id),
  reviewedByName: text('reviewed_by_name'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewNote: text('review_note'),
}, (t) => [
  check('certifications_kind_check', sql`${t.kind} in ('integration', 'cloud', 'recognition')`),
  check('certifications_status_check', sql`${t.status} in ('confirmed', 'pending', 'rejected')`),
  index('certifications_enterprise_idx').on(t.enterpriseId),
]);

// A request to move an enterprise filed in one region to another. Officers cannot see or change
// other regions' files, so the city decides; one open request per enterprise at a time.
export const enterpriseTransfers = pgTable('enterprise_transfers', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id, { onDelete: 'cascade' }),
  fromRegionId: text('from_region_id').notNull().references(() => regions.id),
  toRegionId: text('to_region_id').notNull().references(() => regions.id),
  reason: text('reason').notNull(),
  status: text('status').notNull().default('pending'),
  requestedBy: uuid('requested_by').references(() => users.id),
  requestedByName: text('requested_by_name').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  decidedBy: uuid('decided_by').references(() => users.id),
  decidedByName: text('decided_by_name'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decisionNote: text('decision_note'),
}, (t) => [
  check('enterprise_transfers_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
  uniqueIndex('enterprise_transfers_one_open').on(t.enterpriseId).where(sql`${t.status} = 'pending'`),
  index('enterprise_transfers_to_idx').on(t.toRegionId),
]);
