import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { regions } from './core.ts';

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
  index('enterprises_region_idx').on(t.regionId),
  index('enterprises_name_idx').on(t.name),
]);

// Certifications and recognitions: 两化融合贯标 (A/2A/3A), 星级上云 (3/4/5 stars) and
// demonstration titles with their level (national/provincial/municipal).
export const certifications = pgTable('certifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  level: text('level').notNull(),
  title: text('title').notNull(),
  year: integer('year').notNull(),
}, (t) => [
  check('certifications_kind_check', sql`${t.kind} in ('integration', 'cloud', 'recognition')`),
  index('certifications_enterprise_idx').on(t.enterpriseId),
]);
