import { sql } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './core.ts';

// Long work (免申即享 over the enterprise file) runs as a job kept here, not in a process: any
// instance claims a queued one with one conditional statement, and one whose worker stopped
// (heartbeat older than the lease) is claimed again and run from the start. The result is written
// in the same statement that marks the job done, so a job is never half-applied.
export const jobs = pgTable('jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  params: jsonb('params').notNull(),
  status: text('status').notNull().default('queued'),
  progressDone: integer('progress_done').notNull().default(0),
  progressTotal: integer('progress_total').notNull().default(0),
  result: jsonb('result'),
  error: jsonb('error'),
  /** Which claim runs the job: progress and the result are written only under the current one. */
  attempt: integer('attempt').notNull().default(0),
  claimedBy: text('claimed_by'),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  /** The region the run is limited to (a region officer's runs), for listing and scope checks. */
  regionId: text('region_id'),
  createdBy: uuid('created_by').references(() => users.id),
  createdByName: text('created_by_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [
  check('jobs_status_check', sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
  check('jobs_progress_check', sql`${t.progressDone} >= 0 and ${t.progressTotal} >= 0`),
  index('jobs_claim_idx').on(t.status, t.createdAt),
  index('jobs_creator_idx').on(t.createdBy, t.createdAt),
]);

// The file a job works on (an enterprise import's workbook, a batch's uploaded list), kept in the
// database so that whichever instance claims the job can read it, and a job claimed again after a
// stopped instance reads the same bytes. In chunks numbered from 0 (a workbook is one; a list of a
// province's enterprises, up to ZGSZ_CSV_MAX_MB, ~1 MiB each), so a run reads it a chunk at a time.
// Removed with its job, and as soon as the job is done.
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres gives a Buffer, PGlite a Uint8Array: the same bytes either way.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

export const jobInputs = pgTable('job_inputs', {
  jobId: uuid('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull().default(0),
  content: bytea('content').notNull(),
}, (t) => [primaryKey({ columns: [t.jobId, t.seq] })]);

// The file a job makes (an enterprise export's workbook), in chunks of about 1 MiB written as it is
// made, so that memory stays flat and whichever instance answers the download can stream it. Each
// chunk carries the attempt that wrote it: a run claimed again after a stopped instance writes its
// own, and only the finishing attempt's chunks are ever read (the others are deleted when it finishes).
export const jobOutputs = pgTable('job_outputs', {
  jobId: uuid('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
  attempt: integer('attempt').notNull(),
  seq: integer('seq').notNull(),
  content: bytea('content').notNull(),
}, (t) => [primaryKey({ columns: [t.jobId, t.attempt, t.seq] })]);
