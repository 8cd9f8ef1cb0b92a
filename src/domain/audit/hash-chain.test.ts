import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCheckpoint, type Checkpoint } from './checkpoint.ts';
import { type AuditContent, type AuditKey, type AuditRow, ChainVerifier, GENESIS_HASH, auditHash, auditKey, auditMac, canonicalJson, firstBadSeq } from './hash-chain.ts';

const KEY = auditKey(Buffer.alloc(32, 7));
const OTHER_KEY = auditKey(Buffer.alloc(32, 8));

function content(seq: number): AuditContent {
  return {
    seq, at: new Date(Date.UTC(2026, 0, 1, 0, seq)), actorId: null, actorName: 'tester',
    action: 'update', entity: 'enterprise', entityId: String(seq), before: { b: 1, a: seq }, after: { a: seq + 1 },
    ip: '127.0.0.1', result: 'ok',
  };
}

/** A chain of n rows whose first `keyedFrom - 1` rows carry the keyless hash, the rest the key's MAC. */
function chain(n: number, keyedFrom = 1, key: AuditKey = KEY): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const c = content(seq);
    const hash = seq >= keyedFrom ? auditMac(key, prev, c) : auditHash(prev, c);
    rows.push({ ...c, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

/** What an insider who knows the keyless scheme (but not the key) does: recompute every hash with SHA-256. */
function rehashKeyless(rows: AuditRow[]): AuditRow[] {
  let prev = GENESIS_HASH;
  return rows.map((r) => {
    const hash = auditHash(prev, r);
    const out = { ...r, prevHash: prev, hash };
    prev = hash;
    return out;
  });
}

function verify(rows: AuditRow[], head: { seq: number; hash: string }, keyedFrom = 1, checkpoints: Checkpoint[] = [], key = KEY) {
  const v = new ChainVerifier({ key, keyedFrom, checkpoints });
  rows.forEach((r) => v.push(r));
  return v.finish(head);
}

const headOf = (rows: AuditRow[]) => ({ seq: rows.length ? rows[rows.length - 1]!.seq : 0, hash: rows.length ? rows[rows.length - 1]!.hash : GENESIS_HASH });
const cp = (rows: AuditRow[], seq: number, keyedFrom = 1): Checkpoint => ({
  kind: 'checkpoint', seq, headHash: seq ? rows[seq - 1]!.hash : GENESIS_HASH, keyedFrom, at: '2026-01-02T00:00:00.000Z', keyId: KEY.id,
});

describe('audit hash chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [1, { y: 1, x: 2 }] } })).toBe(canonicalJson({ a: { c: [1, { x: 2, y: 1 }], d: 2 }, b: 1 }));
  });

  it('seals rows with HMAC-SHA256 under the key, over the same canonical content the keyless hash used', () => {
    const c = content(1);
    const body = canonicalJson({ ...c, at: c.at.toISOString(), prevHash: GENESIS_HASH });
    expect(auditHash(GENESIS_HASH, c)).toBe(createHash('sha256').update(body).digest('hex'));
    expect(auditMac(KEY, GENESIS_HASH, c)).toBe(createHmac('sha256', Buffer.alloc(32, 7)).update(`zgsz-audit-row/1\n${body}`).digest('hex'));
    expect(auditMac(KEY, GENESIS_HASH, c)).not.toBe(auditMac(OTHER_KEY, GENESIS_HASH, c));
  });

  it('refuses a key shorter than 32 bytes and names keys by a fingerprint that is not the key', () => {
    expect(() => auditKey(Buffer.alloc(31))).toThrow(/32 bytes/);
    expect(KEY.id).toMatch(/^[0-9a-f]{16}$/);
    expect(Buffer.alloc(32, 7).toString('hex')).not.toContain(KEY.id);
  });

  it('an intact keyed chain verifies, and one that starts unkeyed and continues keyed too', () => {
    const rows = chain(5);
    expect(verify(rows, headOf(rows))).toEqual([]);
    const mixed = chain(6, 4);
    expect(verify(mixed, headOf(mixed), 4)).toEqual([]);
  });

  it('names the first row of a chain recomputed without the key', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, after: { a: 999 } };
    const forged = rehashKeyless(rows);
    const problems = verify(forged, headOf(forged));
    expect(problems[0]).toMatchObject({ seq: 1, kind: 'altered' });
    expect(firstBadSeq(problems)).toBe(1);
  });

  it('names the altered row when only it was changed', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, after: { a: 999 } };
    expect(verify(rows, headOf(rows))).toEqual([expect.objectContaining({ seq: 3, kind: 'altered' })]);
  });

  it('a chain sealed with another key does not verify', () => {
    const rows = chain(3, 1, OTHER_KEY);
    expect(verify(rows, headOf(rows))[0]).toMatchObject({ seq: 1, kind: 'altered' });
  });

  it('rows past the keyed start passed off as keyless ones are caught', () => {
    const rows = chain(6, 4);
    const downgraded = rehashKeyless(rows);
    // Verified against the signed keyed start (4), rows 4–6 must carry MACs.
    expect(verify(downgraded, headOf(downgraded), 4)[0]).toMatchObject({ seq: 4, kind: 'altered' });
  });

  it('names the row after a deleted one', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verify(rows, headOf(rows))[0]).toMatchObject({ seq: 3, kind: 'inserted_or_deleted' });
  });

  it('detects the removal of the newest row through the head', () => {
    const rows = chain(5);
    expect(verify(rows.slice(0, 4), headOf(rows))).toEqual([expect.objectContaining({ kind: 'head_mismatch', seq: 5 })]);
  });

  it('a checkpoint past the end of the log names the first missing row, even when the head was moved back', () => {
    const rows = chain(6);
    const cut = rows.slice(0, 4);
    const problems = verify(cut, headOf(cut), 1, [cp(rows, 2), cp(rows, 6)]);
    expect(problems).toEqual([expect.objectContaining({ seq: 5, kind: 'rows_missing' })]);
    // Emptied and reset to genesis: everything from row 1 is missing.
    expect(verify([], { seq: 0, hash: GENESIS_HASH }, 1, [cp(rows, 6)])).toEqual([expect.objectContaining({ seq: 1, kind: 'rows_missing' })]);
  });

  it('a checkpoint whose row now has another hash is a rewrite', () => {
    const rows = chain(5);
    const other = chain(5, 1, OTHER_KEY);
    const problems = verify(rows, headOf(rows), 1, [{ ...cp(other, 3), keyId: KEY.id }]);
    expect(problems).toEqual([expect.objectContaining({ seq: 3, kind: 'checkpoint_mismatch' })]);
  });

  it('checkpoints the chain still matches raise nothing', () => {
    const rows = chain(5);
    expect(verify(rows, headOf(rows), 1, [cp(rows, 0), cp(rows, 3), cp(rows, 5), cp(rows, 5)])).toEqual([]);
  });

  it('signCheckpoint keeps the fields a verifier needs', () => {
    const rows = chain(2);
    const line = JSON.parse(signCheckpoint(KEY, { kind: 'checkpoint', seq: 2, headHash: rows[1]!.hash, keyedFrom: 1, at: '2026-01-02T00:00:00.000Z' })) as Record<string, unknown>;
    expect(line).toMatchObject({ kind: 'checkpoint', seq: 2, headHash: rows[1]!.hash, keyedFrom: 1, keyId: KEY.id });
    expect(line.mac).toMatch(/^[0-9a-f]{64}$/);
  });
});
