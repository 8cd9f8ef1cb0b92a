// The one way a versioned record is updated: `UPDATE … WHERE id = $1 AND version = $2 RETURNING`.
// The version is bumped by the same statement, so of any number of concurrent writers holding the
// same version exactly one succeeds; the others learn the current version from the CONFLICT.
import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Executor } from '../client.ts';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

export function versionConflict(label: string, current: number, submitted: number): DomainError {
  return new DomainError(
    'CONFLICT',
    `${label}已被他人修改:当前版本 ${current},您提交的版本 ${submitted}。请刷新后在最新内容上重新修改`,
    'version',
    { currentVersion: current, submittedVersion: submitted },
  );
}

/**
 * Applies `set` to the row `id` if it is still at `version`, returning the updated row; otherwise
 * NOT_FOUND (no such row) or CONFLICT naming the current version. Nothing is changed on refusal.
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: Executor,
  table: T,
  id: string,
  version: number,
  set: Record<string, unknown>,
  label: string,
): Promise<T['$inferSelect']> {
  const t = table as VersionedTable;
  const rows = await tx.update(t)
    .set({ ...set, version: sql`${t.version} + 1` } as never)
    .where(and(eq(t.id, id), eq(t.version, version)))
    .returning();
  if (rows[0]) return rows[0] as T['$inferSelect'];
  const [current] = await tx.select({ version: t.version }).from(t).where(eq(t.id, id));
  if (!current) throw notFound(`${label}不存在`, 'id');
  throw versionConflict(label, current.version as number, version);
}
