import { describe, expect, it } from 'vitest';
import { checkpointsInForce, readCheckpointLine, signCheckpoint } from './checkpoint.ts';
import { auditKey } from './hash-chain.ts';

const KEY = auditKey(Buffer.alloc(32, 1));
const OTHER = auditKey(Buffer.alloc(32, 2));
const line = (seq: number, kind: 'checkpoint' | 'restore' = 'checkpoint', key = KEY) =>
  signCheckpoint(key, { kind, seq, headHash: `h${seq}`, keyedFrom: 1, at: `2026-01-0${Math.min(seq, 9)}T00:00:00.000Z` });

describe('signed audit checkpoints', () => {
  it('reads back what it signed', () => {
    expect(readCheckpointLine(KEY, line(3))).toEqual({ ok: true, checkpoint: { kind: 'checkpoint', seq: 3, headHash: 'h3', keyedFrom: 1, at: '2026-01-03T00:00:00.000Z', keyId: KEY.id } });
  });

  it('refuses a line whose fields were changed, one signed by another key, and one that is not a checkpoint', () => {
    const edited = line(3).replace('"seq":3', '"seq":2');
    expect(readCheckpointLine(KEY, edited)).toMatchObject({ ok: false, reason: expect.stringContaining('签名不符') });
    const moved = line(3).replace('"keyedFrom":1', '"keyedFrom":9');
    expect(readCheckpointLine(KEY, moved)).toMatchObject({ ok: false });
    expect(readCheckpointLine(KEY, line(3, 'checkpoint', OTHER))).toMatchObject({ ok: false, reason: expect.stringContaining(OTHER.id) });
    // A forger who copies the other key's id into the line still cannot produce the MAC.
    expect(readCheckpointLine(KEY, line(3, 'checkpoint', OTHER).replace(OTHER.id, KEY.id))).toMatchObject({ ok: false, reason: expect.stringContaining('签名不符') });
    expect(readCheckpointLine(KEY, '{"seq":1')).toMatchObject({ ok: false });
    expect(readCheckpointLine(KEY, '[1,2]')).toMatchObject({ ok: false });
    expect(readCheckpointLine(KEY, JSON.stringify({ kind: 'checkpoint', seq: -1, headHash: 'x', keyedFrom: 1, at: 'x', keyId: KEY.id, mac: 'a'.repeat(64) }))).toMatchObject({ ok: false, reason: '字段不全或格式不符' });
  });

  it('keeps the checkpoints from the last restore on and reports unreadable lines by number', () => {
    const r = checkpointsInForce(KEY, [line(1), line(2), '', 'garbage', line(1, 'restore'), line(4)]);
    expect(r.checkpoints.map((c) => [c.kind, c.seq])).toEqual([['restore', 1], ['checkpoint', 4]]);
    expect(r.setAside).toBe(2);
    expect(r.restore?.seq).toBe(1);
    expect(r.invalid).toEqual([{ line: 4, reason: expect.any(String) }]);
  });
});
