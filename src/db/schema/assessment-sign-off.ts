import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './core.ts';

// 核查程序: 市工信局 scores (审核评分) and submits the year's result; 考核办 (the finance/assessment
// role) approves it (审定) or returns it with a reason. While submitted or approved the year's
// records are frozen, so what is approved is exactly what was submitted; the snapshot's hash
// proves it. A year's row exists (status 'open') from its first write on, so writers can take a
// share lock on it and a submission an update lock: a write and the year's first submission cannot
// interleave.
export const assessmentSignOffs = pgTable('assessment_sign_offs', {
  year: integer('year').primaryKey(),
  status: text('status').notNull(),
  snapshotHash: text('snapshot_hash'),
  snapshot: jsonb('snapshot'),
  submittedBy: uuid('submitted_by').references(() => users.id),
  submittedByName: text('submitted_by_name'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  decidedBy: uuid('decided_by').references(() => users.id),
  decidedByName: text('decided_by_name'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  returnReason: text('return_reason'),
}, (t) => [
  check('assessment_sign_offs_status_check', sql`${t.status} in ('open', 'submitted', 'approved', 'returned')`),
]);
