// The audit log's tamper evidence: each row's hash covers its own content and the previous row's
// hash, so changing, inserting or deleting any row breaks the chain from that row on; the head
// (last seq and hash, kept separately) catches the removal of the newest rows.
import { createHash } from 'node:crypto';

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

export const GENESIS_HASH = 'genesis';

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

export function auditHash(prevHash: string, row: AuditContent): string {
  // Only the content fields: callers may pass a whole row that also carries its stored hash.
  const { seq, at, actorId, actorName, action, entity, entityId, before, after, ip, result } = row;
  const body = canonicalJson({
    seq, at: at.toISOString(), actorId, actorName, action, entity, entityId, before, after, ip, result, prevHash,
  });
  return createHash('sha256').update(body).digest('hex');
}

export interface ChainProblem {
  seq: number;
  kind: 'altered' | 'inserted_or_deleted' | 'head_mismatch';
  message: string;
}

/**
 * Walks rows in seq order from a known starting point and reports the first break of each kind.
 * `expectedPrev` is the hash the first row must link to (GENESIS_HASH from the start).
 */
export class ChainVerifier {
  private prevHash: string;
  private prevSeq: number;
  readonly problems: ChainProblem[] = [];
  count = 0;

  constructor(startHash = GENESIS_HASH, startSeq = 0) {
    this.prevHash = startHash;
    this.prevSeq = startSeq;
  }

  push(row: AuditRow): void {
    this.count++;
    if (row.seq !== this.prevSeq + 1 || row.prevHash !== this.prevHash) {
      this.problems.push({
        seq: row.seq,
        kind: 'inserted_or_deleted',
        message: row.seq !== this.prevSeq + 1
          ? `第 ${row.seq} 条前缺少第 ${this.prevSeq + 1}–${row.seq - 1} 条(记录被删除)`
          : `第 ${row.seq} 条未链接到第 ${this.prevSeq} 条(记录被插入或替换)`,
      });
    } else if (auditHash(row.prevHash, row) !== row.hash) {
      this.problems.push({ seq: row.seq, kind: 'altered', message: `第 ${row.seq} 条内容与其哈希不符(记录被篡改)` });
    }
    this.prevHash = row.hash;
    this.prevSeq = row.seq;
  }

  finish(head: { seq: number; hash: string }): ChainProblem[] {
    if (head.seq !== this.prevSeq || head.hash !== this.prevHash) {
      this.problems.push({
        seq: head.seq,
        kind: 'head_mismatch',
        message: `链头指向第 ${head.seq} 条,而日志止于第 ${this.prevSeq} 条(末尾记录被删除或链头被改)`,
      });
    }
    return this.problems;
  }
}
