import { sql } from 'drizzle-orm';
import { ROLES } from '../../domain/access/roles.ts';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Regions are reference data with stable text ids (yz-baoying, sz-kunshan) so policy data, targets
// and tests can name them without a lookup.
export const regions = pgTable('regions', {
  id: text('id').primaryKey(),
  city: text('city').notNull(),
  name: text('name').notNull(),
  level: text('level').notNull(),
  parentId: text('parent_id'),
  adminCode: text('admin_code').notNull(),
  scored: boolean('scored').notNull().default(false),
  sort: integer('sort').notNull().default(0),
}, (t) => [
  check('regions_level_check', sql`${t.level} in ('city', 'county', 'district', 'zone')`),
  check('regions_city_check', sql`${t.city} in ('yangzhou', 'suzhou')`),
]);

// The departments an action plan names in its 〔责任单位〕 (市发改委, 市委网信办 …), upserted from the
// plan files on every start like the regions; their officers report the plan's indicators.
export const departments = pgTable('departments', {
  id: text('id').primaryKey(),
  city: text('city').notNull(),
  name: text('name').notNull(),
  fullName: text('full_name').notNull(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  regionId: text('region_id').references(() => regions.id),
  enterpriseId: uuid('enterprise_id'),
  /** Providers and supervisors: the service organisation they belong to (its work only). */
  organisationId: uuid('organisation_id'),
  /** Department officers: the 责任单位 whose indicators they report. */
  departmentId: text('department_id').references(() => departments.id),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('users_role_check', sql`${t.role} in (${sql.raw(ROLES.map((r) => `'${r}'`).join(', '))})`),
  // Scope columns must match the role, so a region officer can never exist without a region.
  check('users_region_scope_check', sql`(${t.role} = 'region_officer') = (${t.regionId} is not null)`),
  check('users_enterprise_scope_check', sql`(${t.role} = 'enterprise') = (${t.enterpriseId} is not null)`),
  // An organisation only for providers and supervisors; one without it sees no organisation's work.
  check('users_organisation_scope_check', sql`${t.organisationId} is null or ${t.role} in ('provider', 'supervisor')`),
  check('users_department_scope_check', sql`(${t.role} = 'department') = (${t.departmentId} is not null)`),
]);

// Server-side sessions keep the app servers stateless: any instance can check any cookie.
// The id is the SHA-256 of the cookie token, so a database read does not yield usable cookies.
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  ip: text('ip'),
  /** The browser at sign-in, so the user can tell their sessions apart (their sessions list). */
  userAgent: text('user_agent'),
  /** Sign-in time: the absolute lifetime (ZGSZ_SESSION_MAX_HOURS) counts from it. */
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

// Failed sign-ins, counted per key: an account from one address (the 等保 lockout: five failures
// lock that pair for 15 minutes), an account from anywhere and an address across accounts (both
// slowed with growing delays). Keys are the typed username, so unknown and existing accounts behave
// alike. Every decision is one conditional statement on a row (see login-throttle-repository.ts).
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  username: text('username'),
  ip: text('ip'),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
}, (t) => [index('login_throttle_username_idx').on(t.username)]);
