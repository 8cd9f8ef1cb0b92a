import { bigint, bigserial, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Append-only, hash-chained log of every write and every login attempt. A trigger (migration
// audit_append_only) refuses UPDATE and DELETE; the chain makes any edit made around the trigger
// visible to `zgsz audit verify`.
export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  ip: text('ip'),
  result: text('result').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

// The chain head: one row, locked FOR UPDATE by each appender so appends are serialised and the
// removal of the newest rows is detected (the head would point past the end of the log).
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

// Entries of bulk writes (imports) waiting to be chained. A 100,000-row import cannot hold the chain
// head for its whole transaction (every other audited write, logins included, would wait), so it
// inserts here without touching the head; after it commits, appendPending moves the entries onto
// the chain in short transactions. A trigger refuses UPDATE; rows leave only by being chained.
export const auditPending = pgTable('audit_pending', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  ip: text('ip'),
  result: text('result').notNull(),
});
