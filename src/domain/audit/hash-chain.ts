// The audit log's tamper evidence. Each row's hash covers its own content and the previous row's
// hash, so changing, inserting or deleting any row breaks the chain from that row on; the head (last
// seq and hash, kept separately) catches the removal of the newest rows.
//
// A keyless hash only catches accidents: whoever can write to the database and knows the scheme can
// edit a row and recompute every hash after it. So rows are sealed with HMAC-SHA256 under a key
// that lives outside the database (environment or key file). Rows written before the key existed
// keep their SHA-256 hashes; `keyedFrom` is the first keyed seq. The first keyed row's MAC covers the
// last unkeyed row's hash, so the older rows are sealed too — as long as `keyedFrom` cannot be moved
// to turn keyed rows back into unkeyed ones; the signed checkpoints outside the database record it.
import { createHash, createHmac } from 'node:crypto';
import type { Checkpoint } from './checkpoint.ts';

export interface AuditContent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  result: string;
}

export interface AuditRow extends AuditContent {
  prevHash: string;
  hash: string;
}

/** The chain's key: its bytes, and a short public fingerprint that names it in checkpoints. */
export interface AuditKey {
  readonly bytes: Uint8Array;
  readonly id: string;
}

export const GENESIS_HASH = 'genesis';
/** Audit keys are at least this long (HMAC-SHA256 gains nothing from more than 64). */
export const AUDIT_KEY_MIN_BYTES = 32;

export function auditKey(bytes: Uint8Array): AuditKey {
  if (bytes.length < AUDIT_KEY_MIN_BYTES) throw new Error(`audit key must be at least ${AUDIT_KEY_MIN_BYTES} bytes`);
  // The fingerprint is itself an HMAC, so it reveals nothing usable about the key.
  const id = createHmac('sha256', bytes).update('zgsz-audit-key-id').digest('hex').slice(0, 16);
  return { bytes, id };
}

/** JSON with object keys sorted, so the hash does not depend on jsonb's key order. */
export function canonicalJson(value: unknown): string {
  // Hot path of every audited write (a 100,000-row import hashes 100,000 entries): plain loops and
  // string concatenation rather than entries/filter/sort/map chains.
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

function body(prevHash: string, row: AuditContent): string {
  // Only the content fields: callers may pass a whole row that also carries its stored hash.
  const { seq, at, actorId, actorName, action, entity, entityId, before, after, ip, result } = row;
  return canonicalJson({ seq, at: at.toISOString(), actorId, actorName, action, entity, entityId, before, after, ip, result, prevHash });
}

/** The keyless SHA-256 of rows written before the chain was keyed. Never used for new rows. */
export function auditHash(prevHash: string, row: AuditContent): string {
  return createHash('sha256').update(body(prevHash, row)).digest('hex');
}

/** The keyed seal of a row: HMAC-SHA256 over the same content, tagged so it cannot pass for a checkpoint's. */
export function auditMac(key: AuditKey, prevHash: string, row: AuditContent): string {
  return createHmac('sha256', key.bytes).update('zgsz-audit-row/1\n').update(body(prevHash, row)).digest('hex');
}

export type ChainProblemKind =
  | 'altered' | 'inserted_or_deleted' | 'head_mismatch'
  | 'checkpoint_mismatch' | 'rows_missing' | 'key_start_moved' | 'checkpoint_invalid';

export interface ChainProblem {
  /** The first row concerned; 0 when the problem is not one row's (an unreadable checkpoint line, a moved keyed start). */
  seq: number;
  kind: ChainProblemKind;
  message: string;
}

export interface VerifierOptions {
  key: AuditKey;
  /** The first seq sealed with the key; rows before it carry the keyless hash. */
  keyedFrom: number;
  /** Signed checkpoints in force, in any order: each names a seq and the hash the chain had there. */
  checkpoints?: readonly Checkpoint[];
}

/**
 * Walks rows in seq order and reports the first break of each row, checking every checkpoint on
 * the way: a checkpoint the rows no longer match, or one past the end of the log, is a rewrite.
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private prevSeq = 0;
  private readonly checkpoints: Checkpoint[];
  private next = 0;
  readonly problems: ChainProblem[] = [];
  count = 0;

  constructor(private readonly options: VerifierOptions) {
    this.checkpoints = [...(options.checkpoints ?? [])].sort((a, b) => a.seq - b.seq);
    this.passCheckpoints(0, GENESIS_HASH);
  }

  push(row: AuditRow): void {
    this.count++;
    const keyed = row.seq >= this.options.keyedFrom;
    if (row.seq !== this.prevSeq + 1 || row.prevHash !== this.prevHash) {
      this.problems.push({
        seq: row.seq,
        kind: 'inserted_or_deleted',
        message: row.seq !== this.prevSeq + 1
          ? `第 ${row.seq} 条前缺少第 ${this.prevSeq + 1}–${row.seq - 1} 条(记录被删除)`
          : `第 ${row.seq} 条未链接到第 ${this.prevSeq} 条(记录被插入或替换)`,
      });
    } else if ((keyed ? auditMac(this.options.key, row.prevHash, row) : auditHash(row.prevHash, row)) !== row.hash) {
      this.problems.push({
        seq: row.seq,
        kind: 'altered',
        message: keyed
          ? `第 ${row.seq} 条内容与其密钥签名不符(记录被篡改或重新计算;或者审计密钥不是写入时的那一把)`
          : `第 ${row.seq} 条内容与其哈希不符(记录被篡改)`,
      });
    }
    this.passCheckpoints(row.seq, row.hash);
    this.prevHash = row.hash;
    this.prevSeq = row.seq;
  }

  finish(head: { seq: number; hash: string }): ChainProblem[] {
    if (head.seq !== this.prevSeq || head.hash !== this.prevHash) {
      this.problems.push({
        seq: Math.min(head.seq, this.prevSeq) + 1,
        kind: 'head_mismatch',
        message: `链头指向第 ${head.seq} 条,而日志止于第 ${this.prevSeq} 条(末尾记录被删除或链头被改)`,
      });
    }
    const beyond = this.checkpoints.slice(this.next);
    if (beyond.length) {
      const last = beyond[beyond.length - 1]!;
      this.problems.push({
        seq: this.prevSeq + 1,
        kind: 'rows_missing',
        message: `签名检查点(${last.at})记录日志已有 ${last.seq} 条,而日志现止于第 ${this.prevSeq} 条:第 ${this.prevSeq + 1}–${last.seq} 条被删除(截断或清空后重置了链头)`,
      });
    }
    return this.problems;
  }

  /** Compares the checkpoints up to `seq` with the chain as it stands at `seq`. */
  private passCheckpoints(seq: number, hash: string): void {
    while (this.next < this.checkpoints.length && this.checkpoints[this.next]!.seq <= seq) {
      const cp = this.checkpoints[this.next++]!;
      if (cp.seq < seq) {
        this.problems.push({ seq: cp.seq, kind: 'checkpoint_mismatch', message: `签名检查点(${cp.at})所记的第 ${cp.seq} 条已不在日志中(记录被删除)` });
      } else if (cp.headHash !== hash) {
        this.problems.push({ seq: cp.seq, kind: 'checkpoint_mismatch', message: `第 ${cp.seq} 条的哈希与签名检查点(${cp.at})所记不同(此条及之前的记录被改写)` });
      }
    }
  }
}

/** The first row a list of problems names: where an investigation starts. Null when none does. */
export function firstBadSeq(problems: readonly ChainProblem[]): number | null {
  let first: number | null = null;
  for (const p of problems) if (p.seq > 0 && (first === null || p.seq < first)) first = p.seq;
  return first;
}
