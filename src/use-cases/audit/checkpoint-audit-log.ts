// Writes a signed checkpoint of the committed chain head to the checkpoint file outside the
// database. Cheap (one read of the head, one short append), so a server does it every few seconds
// when the chain has grown, on shutdown and after a clean `audit verify`; the CLI after each command.
// A restore writes a `restore` checkpoint: the history before it was replaced on purpose.
import { currentAuditKey, readAuditHead } from '../../db/repositories/audit-repository.ts';
import type { Executor } from '../../db/client.ts';
import { type Checkpoint, signCheckpoint } from '../../domain/audit/checkpoint.ts';
import type { AuditKey } from '../../domain/audit/hash-chain.ts';
import { appendCheckpointLine } from '../../io/audit-checkpoint-file.ts';

export interface CheckpointOptions {
  file: string;
  now: Date;
  kind?: Checkpoint['kind'];
  key?: AuditKey;
  /** Skip the checkpoint when the head is still at this seq (nothing appended since the last one). */
  unlessAt?: number | null;
}

/** The line written (also for the server log), or null when nothing changed since `unlessAt`. */
export async function checkpointAuditLog(db: Executor, o: CheckpointOptions): Promise<{ seq: number; line: string } | null> {
  const head = await readAuditHead(db);
  if (!head) throw new Error('audit_head row missing: run the migrations');
  if (o.unlessAt !== undefined && o.unlessAt !== null && head.seq === o.unlessAt && o.kind !== 'restore') return null;
  const line = signCheckpoint(o.key ?? currentAuditKey(), {
    kind: o.kind ?? 'checkpoint', seq: head.seq, headHash: head.hash, keyedFrom: head.keyedFrom, at: o.now.toISOString(),
  });
  appendCheckpointLine(o.file, line);
  return { seq: head.seq, line };
}
