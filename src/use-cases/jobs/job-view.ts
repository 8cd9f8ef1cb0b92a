// What every kind of job shares in the API: finding one for a reader (job.read decides, and a job of
// another kind or out of scope does not exist for them), and its state and progress as shown.
import type { Executor } from '../../db/client.ts';
import { findJob, type JobRow } from '../../db/repositories/jobs-repository.ts';
import { can } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, notFound } from '../../domain/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The job `id` of `kind` if the actor may read it; otherwise NOT_FOUND with `message`, naming `id`. */
export async function loadVisibleJob(db: Executor, actor: Actor, id: string, kind: string, message: string): Promise<JobRow> {
  const row = UUID.test(id) ? await findJob(db, id) : undefined;
  if (!row || row.kind !== kind || !can(actor, 'job.read', row)) throw notFound(message, 'id');
  return row;
}

export type JobStateRow = Pick<JobRow, 'id' | 'status' | 'progressDone' | 'progressTotal' | 'error' | 'regionId' | 'createdByName' | 'createdAt' | 'startedAt' | 'finishedAt' | 'attempt'>;

/** A job's state, progress and who queued it, as the API shows it for every kind. */
export function jobState(row: JobStateRow) {
  return {
    id: row.id,
    status: row.status as 'queued' | 'running' | 'done' | 'failed',
    progress: { done: row.progressDone, total: row.progressTotal },
    attempt: row.attempt,
    error: (row.error ?? null) as { code: string; message: string; field?: string } | null,
    regionId: row.regionId,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * What a failed job shows: a domain error as it was raised (the officer can act on it), anything
 * else as `internal` (a failed statement's message may hold its parameters: personal data).
 */
export function jobError(e: unknown, internal: string): { code: string; message: string; field?: string } {
  return e instanceof DomainError ? { code: e.code, message: e.message, ...(e.field && { field: e.field }) } : { code: 'INTERNAL', message: internal };
}
