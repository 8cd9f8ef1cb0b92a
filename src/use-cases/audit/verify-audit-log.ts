// `zgsz audit verify` and GET /audit/verify: the chain against the key and every signed checkpoint
// in force (those after the last restore). A clean check writes a new checkpoint, so the next check
// can tell whether rows were removed after this one.
import type { Executor } from '../../db/client.ts';
import { type ChainReport, currentAuditKey, verifyAuditChain } from '../../db/repositories/audit-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { CheckpointReader } from '../../domain/audit/checkpoint.ts';
import type { AuditKey } from '../../domain/audit/hash-chain.ts';
import { readCheckpointLines } from '../../io/audit-checkpoint-file.ts';
import { checkpointAuditLog } from './checkpoint-audit-log.ts';

export interface AuditVerification extends ChainReport {
  ok: boolean;
  keyId: string;
  /** Checkpoints set aside by a restore, and when the restore was. */
  setAside: number;
  restoredAt: string | null;
  /** The checkpoint line this check wrote (only when the chain is intact). */
  wroteCheckpoint: { seq: number; line: string } | null;
  warnings: string[];
}

export async function verifyAuditLog(db: Executor, actor: Actor, o: { checkpointFile: string; now: Date; key?: AuditKey }): Promise<AuditVerification> {
  assertPermission(actor, 'audit.verify');
  const key = o.key ?? currentAuditKey();
  const reader = new CheckpointReader(key);
  const exists = await readCheckpointLines(o.checkpointFile, (line) => reader.add(line));
  const checkpoints = reader.result();
  const report = await verifyAuditChain(db, { key, checkpoints });
  const warnings: string[] = [];
  if (!checkpoints.checkpoints.length && report.count > 0) {
    warnings.push(exists
      ? `检查点文件 ${o.checkpointFile} 中没有可用的检查点:无法发现末尾记录被删除或整表被清空`
      : `检查点文件 ${o.checkpointFile} 不存在:无法发现末尾记录被删除或整表被清空(服务运行时会定期写入;若文件被删除,请追查)`);
  }
  const ok = report.problems.length === 0;
  let wrote: { seq: number; line: string } | null = null;
  if (ok) {
    // The check itself stands; an unwritable checkpoint file is the operator's to fix, so it is said, not thrown.
    try {
      wrote = await checkpointAuditLog(db, { file: o.checkpointFile, now: o.now, key });
    } catch (e) {
      warnings.push(`未能写入检查点文件 ${o.checkpointFile}:${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return {
    ...report, ok, keyId: key.id, setAside: checkpoints.setAside, restoredAt: checkpoints.restore?.at ?? null,
    wroteCheckpoint: wrote, warnings,
  };
}
