import { describe, expect, it } from 'vitest';
import { type AuditRow, ChainVerifier, GENESIS_HASH, auditHash, canonicalJson } from './hash-chain.ts';

function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq, at: new Date(Date.UTC(2026, 0, 1, 0, seq)), actorId: null, actorName: 'tester',
      action: 'update', entity: 'enterprise', entityId: String(seq), before: { b: 1, a: seq }, after: { a: seq + 1 },
      ip: '127.0.0.1', result: 'ok',
    };
    const hash = auditHash(prev, content);
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function verify(rows: AuditRow[], head: { seq: number; hash: string }) {
  const v = new ChainVerifier();
  rows.forEach((r) => v.push(r));
  return v.finish(head);
}

describe('audit hash chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [1, { y: 1, x: 2 }] } })).toBe(canonicalJson({ a: { c: [1, { x: 2, y: 1 }], d: 2 }, b: 1 }));
  });

  it('an intact chain verifies', () => {
    const rows = chain(5);
    expect(verify(rows, { seq: 5, hash: rows[4]!.hash })).toEqual([]);
  });

  it('names an altered row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, after: { a: 999 } };
    expect(verify(rows, { seq: 5, hash: rows[4]!.hash })).toEqual([expect.objectContaining({ seq: 3, kind: 'altered' })]);
  });

  it('names the row after a deleted one', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verify(rows, { seq: 5, hash: rows[3]!.hash })[0]).toMatchObject({ seq: 3, kind: 'inserted_or_deleted' });
  });

  it('detects the removal of the newest row through the head', () => {
    const rows = chain(5);
    const head = { seq: 5, hash: rows[4]!.hash };
    expect(verify(rows.slice(0, 4), head)).toEqual([expect.objectContaining({ kind: 'head_mismatch' })]);
  });
});
