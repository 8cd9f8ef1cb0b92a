import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Append-only, hash-chained log of every write, every login attempt and every export of personal
// data. Triggers refuse UPDATE, DELETE and TRUNCATE (migrations audit_append_only, audit_keyed), even
// under session_replication_role = replica; the chain, sealed with a key kept outside the database,
// and the signed checkpoints beside the data make any edit made around them visible to
// `zgsz audit verify`. The application never deletes from it: retention is the operator's (≥ 6 months).
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
  /** SHA-256 for rows before audit_head.keyed_from, HMAC-SHA256 under the audit key from there on. */
  hash: text('hash').notNull(),
}, (t) => [
  index('audit_log_actor_idx').on(t.actorName, t.seq),
  index('audit_log_entity_idx').on(t.entity, t.entityId, t.seq),
  index('audit_log_at_idx').using('brin', t.at),
]);

// The chain head: one row, locked FOR UPDATE by each appender so appends are serialised and the
// removal of the newest rows is detected (the head would point past the end of the log).
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  /** The first seq sealed with the audit key (set by the migration that keyed the chain; a trigger keeps it). */
  keyedFrom: bigint('keyed_from', { mode: 'number' }).notNull(),
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
