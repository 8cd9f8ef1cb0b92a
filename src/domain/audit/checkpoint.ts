// Signed checkpoints of the audit chain, kept outside the database (a file beside the data and the
// server log): where the chain stood at a moment — its last seq, that row's hash and the seq the
// keyed chain starts at — sealed with the audit key. Whoever can rewrite the database but not read
// the key cannot make a checkpoint, so cutting the tail, emptying the log or moving the keyed start
// back is caught by the checkpoints written before it.
//
// A restore (`zgsz db restore`) replaces the log with an older one on purpose; it writes a
// `restore` line, and the checkpoints before that line describe a history that no longer applies.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type AuditKey, canonicalJson } from './hash-chain.ts';

export interface Checkpoint {
  kind: 'checkpoint' | 'restore';
  seq: number;
  headHash: string;
  keyedFrom: number;
  /** ISO time the checkpoint was taken (the caller's clock). */
  at: string;
  /** Fingerprint of the key that signed it. */
  keyId: string;
}

function checkpointMac(key: AuditKey, cp: Checkpoint): string {
  const { kind, seq, headHash, keyedFrom, at, keyId } = cp;
  return createHmac('sha256', key.bytes).update('zgsz-audit-checkpoint/1\n').update(canonicalJson({ kind, seq, headHash, keyedFrom, at, keyId })).digest('hex');
}

/** One line of the checkpoint file (without the newline). */
export function signCheckpoint(key: AuditKey, cp: Omit<Checkpoint, 'keyId'>): string {
  const full: Checkpoint = { kind: cp.kind, seq: cp.seq, headHash: cp.headHash, keyedFrom: cp.keyedFrom, at: cp.at, keyId: key.id };
  return JSON.stringify({ ...full, mac: checkpointMac(key, full) });
}

export type CheckpointLine = { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Reads and authenticates one line; a line the key did not sign is refused with the reason. */
export function readCheckpointLine(key: AuditKey, line: string): CheckpointLine {
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: '不是检查点记录' };
    raw = parsed as Record<string, unknown>;
  } catch {
    return { ok: false, reason: '不是有效的 JSON(文件被截断或改动)' };
  }
  const { kind, seq, headHash, keyedFrom, at, keyId, mac } = raw;
  if ((kind !== 'checkpoint' && kind !== 'restore') || !isCount(seq) || typeof headHash !== 'string' || !isCount(keyedFrom) || keyedFrom < 1
    || typeof at !== 'string' || typeof keyId !== 'string' || typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) {
    return { ok: false, reason: '字段不全或格式不符' };
  }
  if (keyId !== key.id) return { ok: false, reason: `由另一把审计密钥(${keyId})签名,当前密钥为 ${key.id}` };
  const checkpoint: Checkpoint = { kind, seq, headHash, keyedFrom, at, keyId };
  const expected = Buffer.from(checkpointMac(key, checkpoint), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(mac, 'hex'))) return { ok: false, reason: '签名不符(记录被改动)' };
  return { ok: true, checkpoint };
}

export interface CheckpointsInForce {
  /** Checkpoints from the last restore line on (all of them when there is none). */
  checkpoints: Checkpoint[];
  /** Lines that could not be authenticated: 1-based line number and reason. */
  invalid: { line: number; reason: string }[];
  /** The last restore, if any: the checkpoints before it were set aside. */
  restore: Checkpoint | null;
  setAside: number;
}

/**
 * Authenticates the file's lines one by one (it is read as a stream) and keeps the checkpoints
 * from the last restore on.
 */
export class CheckpointReader {
  private checkpoints: Checkpoint[] = [];
  private readonly invalid: { line: number; reason: string }[] = [];
  private restore: Checkpoint | null = null;
  private setAside = 0;
  private n = 0;

  constructor(private readonly key: AuditKey) {}

  add(line: string): void {
    this.n++;
    if (!line.trim()) return;
    const r = readCheckpointLine(this.key, line);
    if (!r.ok) {
      this.invalid.push({ line: this.n, reason: r.reason });
      return;
    }
    if (r.checkpoint.kind === 'restore') {
      this.setAside += this.checkpoints.length;
      this.checkpoints = [];
      this.restore = r.checkpoint;
    }
    this.checkpoints.push(r.checkpoint);
  }

  result(): CheckpointsInForce {
    return { checkpoints: this.checkpoints, invalid: this.invalid, restore: this.restore, setAside: this.setAside };
  }
}

export function checkpointsInForce(key: AuditKey, lines: Iterable<string>): CheckpointsInForce {
  const reader = new CheckpointReader(key);
  for (const line of lines) reader.add(line);
  return reader.result();
}
