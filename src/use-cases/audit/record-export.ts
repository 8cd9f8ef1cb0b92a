// Every export of enterprises' or people's data is recorded in the audit log: who took which data
// set, with which filter, how many rows. 等保 asks for a record of access to personal information;
// an export is where data leaves the platform.
import type { Executor } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import type { Actor } from '../../domain/actor.ts';

export interface ExportRecord {
  /** The data set: 'enterprise', 'payments', 'assessment_scores', 'plan_dispatch' … (labels in src/domain/audit/labels.ts). */
  entity: string;
  /** The filter or scope the export was made with, as given (absent keys left out). */
  scope: Record<string, unknown>;
  /** Rows (or records) exported, when known. */
  rows?: number | null;
  format?: 'xlsx' | 'html';
  /** 'ok', or 'aborted' when the export broke off after it started. */
  result?: string;
}

export async function recordExport(db: Executor, actor: Actor, e: ExportRecord): Promise<void> {
  const scope = Object.fromEntries(Object.entries(e.scope).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  await db.transaction((tx) => appendAudit(tx, actor, {
    action: 'export', entity: e.entity, entityId: null,
    after: { format: e.format ?? 'xlsx', scope, ...(e.rows === undefined || e.rows === null ? {} : { rows: e.rows }) },
    result: e.result ?? 'ok',
  }));
}
